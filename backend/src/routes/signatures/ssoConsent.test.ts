/**
 * A signer who signs in only through the organization's provider (no password, no 2-step) confirms who they are by
 * signing in with it again: the portal sends them to /auth/sso/start with `next` back to the document (the provider is
 * asked for a fresh login), and a session so started in the last 10 minutes is accepted at consent. Older sessions,
 * ordinary provider sign-ins, password sessions and other `next` addresses are not. Against a real OpenID provider.
 */
import { followAuthorization, startOidcProvider, type TestOidcProvider } from '../../testing/oidcProvider';
import { castOrganization, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { act, requestSignatures } from './testSupport';

let t: TestServer;
let cast: Cast;
let idp: TestOidcProvider;
const DOMAIN = 'sso-signing.test';

beforeAll(async () => {
  t = await startTestServer();
  idp = await startOidcProvider({
    clients: [{ clientId: 'signing', clientSecret: 'signing secret', redirectUris: [`${t.url}/auth/sso/callback`] }],
    users: [{ sub: `sam@${DOMAIN}`, email: `sam@${DOMAIN}`, emailVerified: true, name: 'Sam Staff' }],
  });
  cast = await castOrganization(t, 'Signing Clinic');
  const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: cast.admin.accountId });
  await t.store.domains.markVerified(cast.organizationId, record.id);
  const saved = await t.api('PUT', '/api/v1/organization/sso', {
    token: cast.admin.accessToken,
    body: { kind: 'oidc', displayName: 'Clinic ID', issuer: idp.issuer, clientId: 'signing', clientSecret: 'signing secret', coveredDomainIds: [record.id],
      prosMustUseSso: true, trustProviderMfa: false },
  });
  expect(saved.status).toBe(200);
  expect((await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `sam@${DOMAIN}`, type: 'pro' } })).status).toBe(201);
}, 90_000);
afterAll(async () => {
  await idp?.stop();
  await t.stop();
});

/** Signs Sam in through the provider as the browser would; the page it lands on and the session's access token. */
async function signInWithProvider(next?: string) {
  const query = new URLSearchParams({ email: `sam@${DOMAIN}`, ...(next ? { next } : {}) });
  const started = await fetch(`${t.url}/auth/sso/start?${query}`, { redirect: 'manual' });
  const pending = started.headers.getSetCookie().find((c) => c.startsWith('sp_sso='))!.split(';')[0]!;
  const back = await followAuthorization(new URL(started.headers.get('location')!), `${t.url}/auth/sso/callback`, `sam@${DOMAIN}`);
  const done = await fetch(back, { redirect: 'manual', headers: { cookie: pending } });
  const access = done.headers.getSetCookie().find((c) => c.startsWith('sp_access='))!.split(';')[0]!.slice('sp_access='.length);
  return { landing: done.headers.get('location'), accessToken: access };
}

test('when a signer with no password signs in with the provider again, then they land back on the document and may agree and sign', async () => {
  const first = await signInWithProvider();
  const sam = { email: `sam@${DOMAIN}`, accessToken: first.accessToken } as Member;
  const { requestId } = await requestSignatures(t, cast.pro, [sam]);
  const back = `/portal/signatures/${requestId}?confirmed=sso`;
  const again = await signInWithProvider(back);
  expect(again.landing).toBe(back);

  const agreed = await act(t, { ...sam, accessToken: again.accessToken }, requestId, 'consent', { agree: true, singleSignOn: true });
  expect(agreed.status).toBe(200);
  const events = await t.store.audit.list(cast.organizationId, { limit: 5 });
  expect(events.find((e) => e.action === 'signature_request.consented')?.data).toMatchObject({ identityConfirmedWith: 'single_sign_on' });
  const signed = await act(t, { ...sam, accessToken: again.accessToken }, requestId, 'sign', { adoptedSignature: { typed: 'Sam Staff' } });
  expect([signed.status, signed.body.status]).toEqual([200, 'completed']);
}, 60_000);

test('when the provider sign-in is older than 10 minutes, or the session began with a password, then single sign-on does not confirm it and nothing is recorded', async () => {
  const fresh = await signInWithProvider();
  const sam = { email: `sam@${DOMAIN}`, accessToken: fresh.accessToken } as Member;
  const { requestId } = await requestSignatures(t, cast.pro, [sam, cast.guest], { order: 'parallel' });
  await t.store.db.query(`UPDATE sessions SET provider_sign_in_at = now() - interval '11 minutes' WHERE account_id = (SELECT id FROM accounts WHERE email = $1)`, [sam.email]);
  const stale = await act(t, sam, requestId, 'consent', { agree: true, singleSignOn: true });
  expect([stale.status, stale.body.code]).toEqual([403, 'identity_not_confirmed']);
  // an ordinary sign-in through the provider (no fresh login asked, a live provider session may stand in) confirms nothing
  const ordinary = await signInWithProvider();
  const notAgain = await act(t, { ...sam, accessToken: ordinary.accessToken }, requestId, 'consent', { agree: true, singleSignOn: true });
  expect([notAgain.status, notAgain.body.code]).toEqual([403, 'identity_not_confirmed']);
  expect(stale.body.detail).toContain('within 10 minutes');
  const byPassword = await act(t, cast.guest, requestId, 'consent', { agree: true, singleSignOn: true });
  expect([byPassword.status, byPassword.body.code]).toEqual([403, 'identity_not_confirmed']);
  const both = await act(t, cast.guest, requestId, 'consent', { agree: true, singleSignOn: true, password: cast.guest.password });
  expect(both.status).toBe(400);
  const request = (await t.api('GET', `/api/v1/signature-requests/${requestId}`, { token: cast.pro.accessToken })).body;
  expect(request.signers.map((s: { consentedAt: string | null }) => s.consentedAt)).toEqual([null, null]);
}, 60_000);

test.each(['https://evil.example/portal', '//evil.example/portal', '/admin', '/portal/../admin'])('when `next` is %s, then the provider sign-in lands on the portal home instead', async (next) => {
  expect((await signInWithProvider(next)).landing).toBe('/');
}, 60_000);
