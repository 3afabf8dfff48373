/**
 * Single sign-on in Chromium against a real OpenID provider on loopback: the sign-in page offers "Continue with
 * <provider>" once a covered address is typed, an invited pro follows it through the provider and lands in the
 * portal, and once pros must use the provider the page refuses a pro's password with the sentence saying where to
 * sign in. Screenshots at desktop and phone width (.test-artifacts/screenshots/), axe on the sign-in page.
 */
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../testing/browser';
import { inviteAndRegister } from '../../testing/members';
import { startOidcProvider, type TestOidcProvider } from '../../testing/oidcProvider';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

const DOMAIN = 'browser-sso.test';

describeBrowser('single sign-on pages', ({ newPage }) => {
  let t: TestServer;
  let idp: TestOidcProvider;
  let admin: SignedUp;
  let domainId: string;

  const saveProvider = async (prosMustUseSso: boolean) => {
    const saved = await t.api('PUT', '/api/v1/organization/sso', {
      token: admin.accessToken,
      body: { kind: 'oidc', displayName: 'Clinic ID', issuer: idp.issuer, clientId: 'browser', clientSecret: 'browser secret', coveredDomainIds: [domainId],
        prosMustUseSso, trustProviderMfa: false },
    });
    if (saved.status !== 200) throw new Error(`saving the provider answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  };

  beforeAll(async () => {
    t = await startTestServer();
    idp = await startOidcProvider({
      clients: [{ clientId: 'browser', clientSecret: 'browser secret', redirectUris: [`${t.url}/auth/sso/callback`] }],
      users: [{ sub: 'sam', email: `sam@${DOMAIN}`, emailVerified: true, name: 'Sam Ortiz' }],
    });
    admin = await signUpOrganization(t, { organizationName: 'Browser Clinic', name: 'Dana Reyes' });
    await buySeats(t, admin.accessToken, 2);
    const { record } = await t.store.domains.create({ organizationId: admin.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: null });
    await t.store.domains.markVerified(admin.organizationId, record.id);
    domainId = record.id;
    await saveProvider(false);
  }, 60_000);
  afterAll(async () => {
    await idp?.stop();
    await t?.stop();
  });

  const typeEmail = async (page: Page, email: string) => {
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Email').press('Tab');
  };

  test('when an invited pro types their work address, then the page offers the provider, and following it lands them in the portal', async () => {
    const invited = await t.api('POST', '/api/v1/invitations', { token: admin.accessToken, body: { email: `sam@${DOMAIN}`, type: 'pro' } });
    expect(invited.status).toBe(201);
    const page = await newPage();
    await typeEmail(page, 'someone@elsewhere.test');
    await page.waitForTimeout(300);
    expect(await page.getByRole('link', { name: /Continue with/ }).isVisible()).toBe(false);

    await typeEmail(page, `sam@${DOMAIN}`);
    const button = page.getByRole('link', { name: 'Continue with Clinic ID' });
    await button.waitFor();
    await expectAccessible(page, 'sign-in with a provider offered');
    await screenshot(page, 'sso-sign-in-offered-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sso-sign-in-offered-phone');
    await page.setViewportSize({ width: 1100, height: 900 });

    await button.click();
    await page.waitForURL(`${t.url}/portal`);
    await page.getByRole('banner').getByText('Browser Clinic').waitFor();
    await screenshot(page, 'sso-signed-in-portal');
    expect(pageProblems(page)).toEqual([]);
  });

  test("when pros must use the provider, then the page refuses a pro's password with the sentence saying where to sign in", async () => {
    const pro = await inviteAndRegister(t, admin, { email: `pia@${DOMAIN}`, type: 'pro' });
    await saveProvider(true);
    const page = await newPage();
    await typeEmail(page, pro.email);
    await page.getByLabel('Password').fill(pro.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Continue with Clinic ID', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Continue with Clinic ID' }).waitFor();
    await screenshot(page, 'sso-password-refused-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sso-password-refused-phone');
    expect(pageProblems(page)).toEqual([]);
  });
});
