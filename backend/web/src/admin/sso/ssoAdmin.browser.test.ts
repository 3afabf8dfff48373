/**
 * Acceptance of the admin page's Single sign-on and API tokens sections, in Chromium against the real backend and a
 * real OpenID provider on loopback: the admin sets the provider up in /admin (a refusal shows beside its field), an
 * invited staff member signs in through "Continue with …" and lands in the portal; with "staff must use single
 * sign-on" on, a pro's password is refused with the sentence saying where to sign in. The admin then creates an API
 * token, copies it from the dialog, reads the members with it, revokes it, and it stops working.
 * Screenshots at 1280x800 and 390x844 of both sections and of the refusal.
 */
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { signInTo, toast } from '../../../../src/testing/adminPages';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister } from '../../../../src/testing/members';
import { startOidcProvider, type TestOidcProvider } from '../../../../src/testing/oidcProvider';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { buySeats } from '../../../../src/testing/seats';

const DOMAIN = 'admin-sso.test';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function bothSizes(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

/** The text a field's input is described by: its hint and, after a refusal, the server's sentence. */
const describedBy = (page: Page, label: string) =>
  page.getByLabel(label).evaluate((input) => (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

describeBrowser(
  'admin page: single sign-on and API tokens',
  ({ newPage }) => {
    let t: TestServer;
    let idp: TestOidcProvider;
    let admin: SignedUp;

    beforeAll(async () => {
      t = await startTestServer();
      idp = await startOidcProvider({
        clients: [{ clientId: 'sealpost-web', clientSecret: 'a client secret', redirectUris: [`${t.url}/auth/sso/callback`] }],
        users: [{ sub: 'sam', email: `sam@${DOMAIN}`, emailVerified: true, name: 'Sam Ortiz' }],
      });
      admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
      expect((await buySeats(t, admin.accessToken, 3)).status).toBe(201);
      const { record } = await t.store.domains.create({ organizationId: admin.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: null });
      await t.store.domains.markVerified(admin.organizationId, record.id);
    }, 120_000);
    afterAll(async () => {
      await idp?.stop();
      await t?.stop();
    });

    test('when the admin sets up the provider in /admin, then an invited pro signs in through it, and once staff must use it their password is refused', async () => {
      const page = await newPage();
      await page.setViewportSize(DESKTOP);
      await signInTo(page, t, admin.email, admin.password, '/admin#sso');
      await page.getByRole('heading', { name: 'Single sign-on', level: 1 }).waitFor();
      expect(await page.getByTestId('redirect-uri').innerText()).toBe(`${t.url}/auth/sso/callback`);

      await page.getByRole('radio', { name: /Another OpenID Connect provider/ }).check();
      await page.getByLabel('Name on the sign-in button').fill('Clinic ID');
      await page.getByLabel('Issuer').fill('http://id.example.test');
      await page.getByLabel('Client id').fill('sealpost-web');
      await page.getByLabel('Client secret').fill('a client secret');
      await page.getByRole('checkbox', { name: DOMAIN }).check();
      await page.getByRole('button', { name: 'Turn on single sign-on' }).click();
      // The server's sentence, beside the field it is about.
      await page.getByText('The issuer must be an https address without a query').waitFor();
      expect(await describedBy(page, 'Issuer')).toContain('The issuer must be an https address without a query');
      expect(await page.getByLabel('Issuer').getAttribute('aria-invalid')).toBe('true');
      await bothSizes(page, 'admin-sso-field-error');

      await page.getByLabel('Issuer').fill(idp.issuer);
      await page.getByRole('button', { name: 'Turn on single sign-on' }).click();
      await toast(page, 'Single sign-on is set up.');
      await page.getByRole('heading', { name: 'Signing in with Clinic ID' }).waitFor();
      // Write-only: the secret is "Stored", never shown; Replace opens an empty field.
      await page.getByText('Stored', { exact: true }).waitFor();
      expect(await page.content()).not.toContain('a client secret');
      await expectAccessible(page, 'the single sign-on section, saved');
      await bothSizes(page, 'admin-sso');

      // An invited staff member signs in through the provider.
      const invited = await t.api('POST', '/api/v1/invitations', { token: admin.accessToken, body: { email: `sam@${DOMAIN}`, type: 'pro' } });
      expect(invited.status).toBe(201);
      const staff = await newPage();
      await staff.goto(`${t.url}/login`);
      await staff.getByLabel('Email').fill(`sam@${DOMAIN}`);
      await staff.getByLabel('Email').press('Tab');
      await staff.getByRole('link', { name: 'Continue with Clinic ID' }).click();
      await staff.waitForURL(`${t.url}/portal`);
      await staff.getByRole('banner').getByText('Harbor Clinic').waitFor();
      expect(pageProblems(staff)).toEqual([]);
      await staff.close();

      // Staff must use single sign-on: a pro's password is refused with where to sign in.
      const pro = await inviteAndRegister(t, admin, { email: `pia@${DOMAIN}`, type: 'pro', name: 'Pia Lund' });
      await page.getByRole('switch', { name: /Staff must use single sign-on/ }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await toast(page, 'Single sign-on saved.');
      const saved = await t.api('GET', '/api/v1/organization/sso', { token: admin.accessToken });
      expect(saved.body.provider).toMatchObject({ displayName: 'Clinic ID', issuer: idp.issuer, clientId: 'sealpost-web', hasClientSecret: true, prosMustUseSso: true });

      const refused = await newPage();
      await refused.setViewportSize(DESKTOP);
      await refused.goto(`${t.url}/login`);
      await refused.getByLabel('Email').fill(pro.email);
      await refused.getByLabel('Password').fill(pro.password);
      await refused.getByRole('button', { name: 'Sign in' }).click();
      await refused.getByRole('alert').getByText('Continue with Clinic ID', { exact: false }).waitFor();
      await bothSizes(refused, 'admin-sso-password-refused');
      expect(pageProblems(refused)).toEqual([]);

      // Removing asks first (in place), and then everyone signs in with a password again.
      await page.getByRole('button', { name: 'Remove single sign-on' }).click();
      const remove = page.getByRole('group', { name: 'Remove single sign-on?' });
      await remove.getByText('Forgot your password?', { exact: false }).waitFor();
      await screenshot(page, 'admin-sso-remove');
      await expectAccessible(page, 'the removal question');
      await remove.getByRole('button', { name: 'Remove' }).click();
      await toast(page, 'Single sign-on is off.');
      await page.getByRole('button', { name: 'Turn on single sign-on' }).waitFor();
      expect((await t.api('GET', '/api/v1/organization/sso', { token: admin.accessToken })).body.provider).toBeNull();
      expect(pageProblems(page)).toEqual([]);
    });

    test('when the admin creates a members:read token in /admin, then it is shown once, reads the members, and stops working once revoked', async () => {
      const page = await newPage();
      await page.setViewportSize(DESKTOP);
            await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
      await signInTo(page, t, admin.email, admin.password, '/admin#api-tokens');
      await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
      await page.getByText('No token yet.', { exact: false }).waitFor();

      await page.getByRole('button', { name: 'Create token' }).click();
      const create = page.getByRole('form', { name: 'Create an API token' });
      await create.getByRole('button', { name: 'Create token' }).click();
      await create.getByText('Give the token a name.').waitFor();
      await create.getByLabel('Name').fill('HR system');
      await create.getByRole('checkbox', { name: /Read members/ }).check();
      expect(await create.getByRole('checkbox', { name: /SCIM provisioning/ }).isChecked()).toBe(false);
      await create.getByRole('button', { name: 'Create token' }).click();

      const shown = page.getByRole('region', { name: 'Copy your new token' });
      await shown.getByText('You will not see it again.').waitFor();
      expect(await shown.getByRole('textbox').evaluate((input) => input === document.activeElement)).toBe(true);
      await expectAccessible(page, 'the new token, shown once');
      await bothSizes(page, 'admin-api-token-created');
      await shown.getByRole('button', { name: 'Copy' }).click();
      await shown.getByRole('status').getByText('Copied to the clipboard.').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toMatch(/^sp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      await shown.getByRole('button', { name: 'Done' }).click();
      // Once closed, the page is there for everyone again, the new token listed.
      await page.getByRole('row').filter({ hasText: 'HR system' }).getByText('Not used yet').waitFor();

      const listed = await t.api('GET', '/api/v1/organization/api-tokens', { token: admin.accessToken });
      expect(listed.body.tokens).toEqual([expect.objectContaining({ name: 'HR system', scopes: ['members:read'], lastUsedAt: null })]);
      const read = await t.api('GET', '/api/v1/members?limit=50', { token: copied });
      expect(read.status).toBe(200);
      expect(read.body.members.map((m: { email: string }) => m.email)).toContain(admin.email);

      // The list shows the token without its secret, and its use once the page reloads.
      await page.reload();
      const row = page.getByRole('row').filter({ hasText: 'HR system' });
      await row.getByText('Read members').waitFor();
      expect(await row.innerText()).not.toContain('Not used yet');
      expect(await page.content()).not.toContain(copied.slice(-43));
      await expectAccessible(page, 'the API tokens list');
      await bothSizes(page, 'admin-api-tokens');

      await row.getByRole('button', { name: 'Revoke HR system' }).click();
      const revoke = row.getByRole('group', { name: 'Revoke HR system?' });
      await revoke.getByText('This cannot be undone.', { exact: false }).waitFor();
      await expectAccessible(page, 'the revoke question');
      await screenshot(page, 'admin-api-token-revoke');
      await revoke.getByRole('button', { name: 'Revoke token' }).click();
      await toast(page, 'HR system is revoked.');
      await page.getByText('No token yet.', { exact: false }).waitFor();
      const after = await t.api('GET', '/api/v1/members', { token: copied });
      expect([after.status, after.body.code]).toEqual([401, 'invalid_api_token']);
      expect(pageProblems(page)).toEqual([]);
    });

    test('when a user manager opens the admin page, then neither section is offered', async () => {
      const manager = await inviteAndRegister(t, admin, { type: 'pro', name: 'Uma Manager' });
      await t.api('PATCH', `/api/v1/members/${manager.accountId}`, { token: admin.accessToken, body: { roles: { userManager: true } } });
      const page = await newPage();
      await signInTo(page, t, manager.email, manager.password, '/admin#sso');
      const nav = page.getByRole('navigation', { name: 'Admin sections' });
      await nav.getByRole('link', { name: 'Members' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Single sign-on' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'API tokens' }).count()).toBe(0);
      // The address names a section they may not use: they get the members list instead.
      await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    });
  },
  { stepTimeoutMs: 20_000 },
);
