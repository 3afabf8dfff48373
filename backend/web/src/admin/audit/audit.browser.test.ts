/**
 * The audit log in Chromium against the real backend: the chain verifies, filters narrow the events on the server,
 * the CSV holds what is shown, and a tampered event turns the verification banner into a warning naming it.
 */
import fs from 'node:fs';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { castOrganization, inviteAndRegister, type Cast } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { eventually, signInTo } from '../../../../src/testing/adminPages';

describeBrowser('admin page: audit log', ({ newPage }) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
    const leaving = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Lee Leaving' });
    await t.api('DELETE', `/api/v1/members/${leaving.accountId}`, { token: cast.userManager.accessToken });
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  test('when an admin filters the audit log and exports it, then the chain is shown intact and the CSV matches', async () => {
    const page = await newPage();
    await signInTo(page, t, cast.admin.email, cast.admin.password, '/admin#audit');
    await page.getByText('The audit log is intact.').waitFor();
    await page.getByRole('table', { name: 'Audit events' }).waitFor();
    await screenshot(page, 'admin-audit');
    await expectAccessible(page, 'the audit log');

    await page.getByLabel('Action').selectOption('member.removed');
    const rows = page.getByRole('table', { name: 'Audit events' }).getByRole('row');
    // The header row and the one removal.
    await expect(eventually(() => rows.count(), (n) => n === 2)).resolves.toBe(2);
    const removal = await rows.nth(1).innerText();
    expect(removal).toContain('Uma Manager');
    expect(removal).toContain('Lee Leaving');
    // People read the action's name; the stored code stays in the export.
    expect(removal).toContain('Member removed');
    expect(removal).not.toContain('member.removed');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('member.removed');

    await page.getByLabel('Action').selectOption('');
    await page.getByLabel('Actor').fill('nobody-like-this');
    await page.getByText('No events match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rows.filter({ hasText: 'Seats bought' }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when an event was altered in the database, then the page says the chain is broken at that event', async () => {
    await t.store.db.query(`UPDATE audit_events SET data = '{}' WHERE organization_id = $1 AND seq = 2`, [cast.organizationId]);
    const page = await newPage();
    await signInTo(page, t, cast.admin.email, cast.admin.password, '/admin#audit');
    await page.getByText('The audit log is broken at event 2.').waitFor();
    await screenshot(page, 'admin-audit-broken');
    await expectAccessible(page, 'the broken audit log');
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
