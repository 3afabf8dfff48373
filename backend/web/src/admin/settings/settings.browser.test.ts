/**
 * The admin page's Settings section in Chromium against the real backend and a DNS server on loopback: claiming a
 * domain, failing and then passing verification, removing it; requiring 2-step verification (with the count of
 * members still to enroll); auto-provisioning and the add-in's secure-send policy; what a user manager sees.
 */
import { startTxtDnsServer, type TxtDnsServer } from '../../../../src/domains/testing/txtDnsServer';
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { signInTo, toast } from '../../../../src/testing/adminPages';
import { buySeats } from '../../../../src/testing/seats';

describeBrowser('admin page: settings', ({ newPage }) => {
  let dns: TxtDnsServer;
  let t: TestServer;
  let admin: SignedUp;
  beforeAll(async () => {
    dns = await startTxtDnsServer();
    t = await startTestServer({ env: { DNS_SERVERS: dns.address } });
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    await inviteAndRegister(t, admin, { type: 'guest', name: 'Gil Brown' });
    await inviteAndRegister(t, admin, { type: 'guest', name: 'Sam Rossi' });
  }, 60_000);
  afterAll(async () => {
    await t.stop();
    await dns.stop();
  });

  test('when an admin claims a domain, then the TXT record is shown, verification fails until DNS has it and then succeeds', async () => {
    const domain = `harbor-${Date.now()}.example`;
    const page = await newPage();
    await signInTo(page, t, admin.email, admin.password, '/admin#settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByText('No domain is claimed yet.').waitFor();
    await page.getByLabel('Domain to claim').fill(domain.toUpperCase());
    await page.getByRole('button', { name: 'Claim domain' }).click();
    const item = page.getByRole('listitem', { name: domain });
    await item.getByText('Waiting for DNS').waitFor();
    const value = await item.locator('dd').nth(1).innerText();
    expect(value).toMatch(/^sealpost-verification=[A-Za-z0-9_-]{22}$/);

    await item.getByRole('button', { name: 'Verify now' }).click();
    await item.getByText(`has no TXT records yet`).waitFor();
    await screenshot(page, 'admin-settings-domain-pending');
    await expectAccessible(page, 'a pending domain with a failed check');

    dns.records.set(domain, ['v=spf1 -all', value]);
    await item.getByRole('button', { name: 'Verify now' }).click();
    await toast(page, `${domain} is verified.`);
    await item.getByText(/^Verified/).waitFor();
    await screenshot(page, 'admin-settings');
    await expectAccessible(page, 'the settings with a verified domain');
    const [claim] = (await t.api('GET', '/api/v1/domains', { token: admin.accessToken })).body.domains;
    expect(claim).toMatchObject({ domain, status: 'verified' });

    await item.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('alertdialog', { name: `Remove ${domain}?` }).getByRole('button', { name: 'Remove domain' }).click();
    await page.getByText('No domain is claimed yet.').waitFor();
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when an admin requires 2-step verification and changes the policies, then the server has them and says who still has to enroll', async () => {
    const page = await newPage();
    await signInTo(page, t, admin.email, admin.password, '/admin#settings');
    // The admin and two guests are active; none has set up 2-step verification.
    await page.getByText('3 active members have not set up 2-step verification yet.').waitFor();
    await page.getByRole('switch', { name: 'Require 2-step verification' }).click();
    await toast(page, '2-step verification is now required.');
    await page.getByText('they will be asked to at their next sign-in').waitFor();

    // The choice is saved on the server before the radio shows it, so click and wait for the word that it was saved.
    await page.getByRole('radio', { name: /^As guests/ }).click();
    await toast(page, 'Auto-provisioning saved.');
    await expect(page.getByRole('radio', { name: /^As guests/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('radio', { name: 'Always, when a recipient is outside the organization' }).click();
    await toast(page, 'Secure-send policy saved.');
    await page.getByLabel('Invitation links work for (days)').fill('45');
    await page.getByText('Enter a whole number of days from 1 to 30.').waitFor();
    await page.getByLabel('Invitation links work for (days)').fill('14');
    await page.getByRole('button', { name: 'Save expiry' }).click();
    await toast(page, 'Invitation expiry saved.');
    await screenshot(page, 'admin-settings-policies');

    const settings = (await t.api('GET', '/api/v1/organization/settings', { token: admin.accessToken })).body;
    expect(settings).toMatchObject({ requireTwoStep: true, autoProvision: 'guest', secureSendPolicy: 'external_always', invitationExpiryDays: 14 });
    const me = (await t.api('GET', '/api/v1/me', { token: admin.accessToken })).body;
    expect(me.organization.secureSendPolicy).toBe('external_always');
    await page.reload();
    await expect(page.getByRole('switch', { name: 'Require 2-step verification' }).isChecked()).resolves.toBe(true);
    await page.getByRole('switch', { name: 'Require 2-step verification' }).click();
    await toast(page, '2-step verification is now optional.');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when a user manager opens the settings, then they see them but cannot change them, and the audit log is not offered', async () => {
    await buySeats(t, admin.accessToken, 1);
    const manager = await inviteAndRegister(t, admin, { type: 'pro', name: 'Uma Manager' });
    await t.api('PATCH', `/api/v1/members/${manager.accountId}`, { token: admin.accessToken, body: { roles: { userManager: true } } });
    const page = await newPage();
    await signInTo(page, t, manager.email, manager.password, '/admin#settings');
    await page.getByText('Only admins can change these settings.').waitFor();
    await expect(page.getByRole('switch', { name: 'Require 2-step verification' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Claim domain' }).count()).resolves.toBe(0);
    await expect(page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link').allInnerTexts()).resolves.toEqual(['Members', 'Settings', 'Branding', 'Seats and invoices']);
    await screenshot(page, 'admin-settings-user-manager');
    await expectAccessible(page, 'the settings as a user manager');
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
