/**
 * A staff member who signs in only through the organization's provider signs a document: at consent they confirm
 * who they are by signing in with the provider again, come back to the document with the dialog open, agree and
 * sign. Chromium against the real backend and a real OpenID provider on loopback.
 */
import { describeBrowser, pageProblems, screenshot } from '../../../../src/testing/browser';
import { castOrganization, type Cast, type Member } from '../../../../src/testing/members';
import { startOidcProvider, type TestOidcProvider } from '../../../../src/testing/oidcProvider';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { requestSignatures } from '../../../../src/routes/signatures/testSupport';
import { pageDrawn } from './testSupport';

const DOMAIN = 'sso-signer.test';

describeBrowser('signing with single sign-on as the identity check', ({ newPage }) => {
  let t: TestServer;
  let cast: Cast;
  let idp: TestOidcProvider;
  beforeAll(async () => {
    t = await startTestServer();
    idp = await startOidcProvider({
      clients: [{ clientId: 'signer-web', clientSecret: 'a client secret', redirectUris: [`${t.url}/auth/sso/callback`] }],
      users: [{ sub: 'sam', email: `sam@${DOMAIN}`, emailVerified: true, name: 'Sam Ortiz' }],
    });
    cast = await castOrganization(t, 'Harbor Clinic');
    const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: cast.admin.accountId });
    await t.store.domains.markVerified(cast.organizationId, record.id);
    const saved = await t.api('PUT', '/api/v1/organization/sso', {
      token: cast.admin.accessToken,
      body: { kind: 'oidc', displayName: 'Clinic ID', issuer: idp.issuer, clientId: 'signer-web', clientSecret: 'a client secret', coveredDomainIds: [record.id],
        prosMustUseSso: true, trustProviderMfa: false },
    });
    expect(saved.status).toBe(200);
    expect((await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `sam@${DOMAIN}`, type: 'pro' } })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await idp?.stop();
    await t.stop();
  });

  test('when the signer has no password, then signing in with the provider again confirms them and they sign', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Email').fill(`sam@${DOMAIN}`);
    await page.getByLabel('Email').press('Tab');
    await page.getByRole('link', { name: 'Continue with Clinic ID' }).click();
    await page.waitForURL(`${t.url}/portal`);

    const sam = { email: `sam@${DOMAIN}` } as Member;
    const { requestId } = await requestSignatures(t, cast.pro, [sam]);
    await page.goto(`${t.url}/portal/signatures/${requestId}`);
    await pageDrawn(page, 1);
    await page.getByRole('button', { name: 'Start signing' }).click();
    const consent = page.getByRole('dialog', { name: 'Before you sign' });
    await consent.getByRole('button', { name: 'Confirm by signing in with Clinic ID instead' }).click();
    await page.waitForURL(`${t.url}/portal/signatures/${requestId}?confirmed=sso`);
    const back = page.getByRole('dialog', { name: 'Before you sign' });
    await back.getByText('You confirmed who you are by signing in with Clinic ID just now.').waitFor();
    await screenshot(page, 'signing-sso-confirmed');
    await back.getByLabel('I agree to sign electronically').check();
    await back.getByRole('button', { name: 'Agree and continue' }).click();
    await back.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Next field' }).click();
    await page.getByRole('dialog', { name: 'Adopt your signature' }).getByRole('button', { name: 'Adopt signature' }).click();
    await page.getByRole('toolbar', { name: 'Signing' }).getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByText('Completed', { exact: true }).waitFor();
    const events = await t.store.audit.list(cast.organizationId, { limit: 10 });
    expect(events.find((e) => e.action === 'signature_request.consented')?.data).toMatchObject({ identityConfirmedWith: 'single_sign_on' });
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  }, 120_000);
}, { stepTimeoutMs: 15_000 });
