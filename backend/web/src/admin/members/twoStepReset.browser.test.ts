/**
 * Resetting a client's 2-step verification from the admin page, in Chromium: the member's actions offer it only
 * while they have 2-step, the dialog says what happens, and afterwards the client's old session is gone and the
 * audit log names the reset in words with the person concerned.
 */
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { castOrganization } from '../../../../src/testing/members';
import { enrolledMember } from '../../../../src/testing/twoStepMembers';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { row, rowAction, signInTo, toast } from '../../../../src/testing/adminPages';

describeBrowser('admin page: resetting 2-step verification', ({ newPage }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when a client lost their phone and codes, then a user manager resets their 2-step from the member list and the audit log shows it', async () => {
    const cast = await castOrganization(t, 'Harbor Clinic');
    const client = await enrolledMember(t, cast.admin);
    const page = await newPage();
    await signInTo(page, t, cast.userManager.email, cast.userManager.password);
    await row(page, client.email).waitFor();
    await rowAction(page, 'Test Person', 'Reset 2-step verification');
    const dialog = page.getByRole('dialog', { name: "Reset Test Person's 2-step verification?" });
    await dialog.getByText('lost both their phone and their recovery codes').waitFor();
    await screenshot(page, 'admin-two-step-reset');
    await dialog.getByRole('button', { name: 'Reset 2-step verification' }).click();
    await toast(page, "Test Person's 2-step verification was reset.");
    expect((await t.api('GET', '/api/v1/me', { token: client.accessToken })).status).toBe(401);
    // Nothing left to reset: the action is gone.
    await page.reload();
    await row(page, client.email).waitFor();
    await page.getByRole('button', { name: 'Actions for Test Person' }).click();
    await page.getByRole('menuitem', { name: 'Sign out everywhere' }).waitFor();
    await expect(page.getByRole('menuitem', { name: 'Reset 2-step verification' }).count()).resolves.toBe(0);
    expect(pageProblems(page)).toEqual([]);

    const admin = await newPage();
    await signInTo(admin, t, cast.admin.email, cast.admin.password, '/admin#audit');
    const reset = admin.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ hasText: '2-step verification reset by a manager' });
    await reset.waitFor();
    await expect(reset.innerText()).resolves.toContain('Uma Manager');
    await expect(reset.innerText()).resolves.toContain('Test Person');
    await screenshot(admin, 'admin-audit-security-events');
    await expectAccessible(admin, 'the audit log with security events');
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, 'admin-audit-security-events-phone');
    expect(pageProblems(admin)).toEqual([]);
  }, 90_000);
});
