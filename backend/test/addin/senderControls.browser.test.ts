/**
 * The sender's side in the pane, end to end (real built pane and launchevent.js in the Outlook host simulator, the
 * real backend): a first-time recipient on a lookalike of a colleague's domain is flagged in the pane and named first
 * in the alert; the expiry chosen in the pane reaches the stored message; after sending, the pane shows who opened
 * it and recalls it.
 */
import type { Frame, Page } from 'playwright-core';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../src/testing/browser';
import { castOrganization, uniqueEmail, type Cast } from '../../src/testing/members';
import { startTestServer, type TestServer } from '../../src/testing/testServer';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';
import { until } from '../../../addin/test/hostSimulator/until';

jest.setTimeout(120_000);

describeBrowser('sender controls and lookalike warnings in the pane (host simulator)', (suite) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
  }, 180_000);
  afterAll(() => t?.stop());

  async function signIn(host: OutlookHost, pane: Frame): Promise<void> {
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await pane.getByRole('switch', { name: 'Send securely' }).waitFor();
  }

  test('when a lookalike is on the message, then pane and alert say so; the expiry reaches the message; receipts and recall work', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url);
    const colleague = { displayName: 'Uma Manager', emailAddress: cast.userManager.email, recipientType: 'user' as const };
    const [name, ...rest] = cast.userManager.email.split('@')[1]!.split('.');
    const lookalike = uniqueEmail('mallory', `${name!.slice(0, -1)}.${rest.join('.')}`);
    host.item.subject = 'Your lab results';
    host.item.bodyHtml = '<p>Dear Uma, the results are fine.</p>';
    await host.setRecipients('to', [colleague, { displayName: 'Mallory', emailAddress: lookalike, recipientType: 'externalUser' }]);

    await page.click('#addin-button');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await signIn(host, pane);
    await pane.getByRole('switch', { name: 'Send securely' }).check();
    const warning = pane.getByTestId('lookalike-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`Looks like ${cast.userManager.email.split('@')[1]} but is not`);
    await pane.getByLabel('Recipients can open it until').selectOption({ label: '7 days after sending' });
    await screenshot(page, 'addin-pane-lookalike-and-expiry');
    await expectAccessible(pane, 'the task pane with a lookalike warning and the expiry');

    let outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('blocked');
    expect(host.alert!.errorMessage).toMatch(new RegExp(`^Check the address: ${lookalike.replace(/[.+]/g, '\\$&')} looks like `));

    await page.click('#alert-dismiss');
    await host.setRecipients('to', [colleague]);
    outcome = host.nextSendOutcome();
    const sentAt = Date.now();
    await page.click('#send');
    expect(await outcome).toBe('sent');
    const messageId = /\/portal\/messages\/([0-9a-f-]+)/.exec(host.item.bodyHtml)![1]!;
    const stored = await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.pro.accessToken });
    const days = (Date.parse(stored.body.expiresAt) - sentAt) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    await pane.getByRole('button', { name: 'Show read receipts' }).click();
    const row = pane.locator(`[data-message-id="${messageId}"]`);
    await row.getByText('Opened by 0 of 1').waitFor();
    await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.userManager.accessToken });
    await pane.getByRole('button', { name: 'Refresh' }).click();
    await row.getByText('Opened by 1 of 1').waitFor();
    expect(await row.getByRole('link', { name: 'Open in the portal' }).getAttribute('href')).toBe(`${t.url}/portal/messages/${messageId}`);
    await row.getByRole('button', { name: 'Recall "Your lab results"' }).click();
    await row.getByText('Recalled').waitFor();
    await screenshot(page, 'addin-pane-sent-recalled');
    await expectAccessible(pane, 'the task pane with sent messages');
    const afterRecall = await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.userManager.accessToken });
    expect(afterRecall.status).toBeGreaterThanOrEqual(400);

    expect(host.violations).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });
});
