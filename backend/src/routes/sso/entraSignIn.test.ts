/**
 * Outlook's Microsoft 365 sign-in over HTTP: Entra-shaped access tokens, signed with keys generated here and published
 * on loopback, traded at POST /api/v1/auth/entra for ordinary sessions (usable, refreshable, ended by removal), and
 * every refusal answering its code while starting no session: tampered or mismatched tokens, a tenant no
 * organization pinned, an address its organization does not cover, guests, removed members, a 2-step requirement the
 * Microsoft sign-in does not meet, someone else's address. The person is matched by the Microsoft user linked at
 * their first sign-in before the address.
 */
import { changedTables, digestTables } from '../../store/testing/tableDigest';
import { entraAccessClaims, startTestEntra, type TestEntra } from '../../testing/entraTokens';
import { castOrganization, inviteAndRegister, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

const CLIENT_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const APP_ID_URI = `api://sealpost.test/${CLIENT_ID}`;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const STRICT_TENANT = '3c1e7f0a-5b2d-4e8f-9a6c-1d2e3f4a5b6c';
const UNPINNED_TENANT = 'b2a6c2f0-1d1e-4b8c-9a4e-0c7f3f1b2d3e';
const DOMAIN = 'naa-clinic.test';
const STRICT_DOMAIN = 'naa-strict.test';

let t: TestServer;
let entra: TestEntra;
let cast: Cast;
let strict: Cast;
let dana: Member;
let danaOid: string;

let ipCounter = 0;
const freshIp = () => `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter += 1) % 250}`;
let oidCounter = 0;
const newOid = () => `00000000-0000-4000-8000-${String((oidCounter += 1)).padStart(12, '0')}`;

/** A token for `email` in `tenantId`; `overrides` changes claims. */
function token(email: string, objectId: string, overrides: Record<string, unknown> = {}, tenantId = TENANT): Promise<string> {
  return entra.sign(entraAccessClaims({ tenantId, objectId, email, audience: CLIENT_ID, overrides }));
}

const exchange = (accessToken: string, extra: Record<string, unknown> = {}, ip = freshIp()) =>
  t.api('POST', '/api/v1/auth/entra', { body: { accessToken, ...extra }, ip });

async function pinTenant(c: Cast, domain: string, tenantId: string, extra: Record<string, unknown> = {}) {
  const { record } = await t.store.domains.create({ organizationId: c.organizationId, domain, verificationToken: 't', createdBy: c.admin.accountId });
  await t.store.domains.markVerified(c.organizationId, record.id);
  const saved = await t.api('PUT', '/api/v1/organization/sso', {
    token: c.admin.accessToken,
    body: { kind: 'entra', displayName: 'Microsoft', entraTenantId: tenantId, clientId: null, coveredDomainIds: [record.id],
      prosMustUseSso: false, trustProviderMfa: false, ...extra },
  });
  if (saved.status !== 200) throw new Error(`saving the provider answered ${saved.status}: ${JSON.stringify(saved.body)}`);
}

async function sessionCount(accountId: string): Promise<number> {
  const [row] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE account_id = $1', [accountId]);
  return row!.n;
}

beforeAll(async () => {
  entra = await startTestEntra();
  t = await startTestServer({ env: { ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_APP_ID_URI: APP_ID_URI, ENTRA_JWKS_URL: entra.jwksUrl } });
  cast = await castOrganization(t, 'NAA Clinic');
  strict = await castOrganization(t, 'Strict Clinic');
  await pinTenant(cast, DOMAIN, TENANT);
  await pinTenant(strict, STRICT_DOMAIN, STRICT_TENANT);
  dana = await inviteAndRegister(t, cast.admin, { email: `dana@${DOMAIN}`, type: 'pro', name: 'Dana Doctor' });
  danaOid = newOid();
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await entra?.stop();
});

describe('when a pro of an organization that pinned the tenant trades a Microsoft token', () => {
  test('then the answer is the sign-in answer, and the session works, refreshes and is audited', async () => {
    const res = await exchange(await token(dana.email, danaOid));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number),
      sessionId: expect.any(String), organizationId: cast.organizationId,
    });
    const me = await t.api('GET', '/api/v1/me', { token: res.body.accessToken });
    expect([me.status, me.body.account.id]).toEqual([200, dana.accountId]);
    const refreshed = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: res.body.refreshToken }, ip: freshIp() });
    expect([refreshed.status, refreshed.body.sessionId]).toEqual([200, res.body.sessionId]);

    const events = await t.store.audit.list(cast.organizationId, { limit: 10 });
    const signedIn = events.find((e) => e.action === 'session.entra_signed_in' && e.targetId === res.body.sessionId);
    expect(signedIn?.data).toMatchObject({ tenantId: TENANT, providerMfa: false, invitationAccepted: false });
    expect(await t.store.entraLinks.findAccount(cast.organizationId, { tenantId: TENANT, objectId: danaOid })).toBe(dana.accountId);
    // Outlook's token comes silently: the session never stands for a fresh sign-in (signing consent)
    const [row] = await t.store.db.query<{ at: Date | null }>('SELECT provider_sign_in_at AS at FROM sessions WHERE id = $1', [res.body.sessionId]);
    expect(row!.at).toBeNull();
  });

  test('then the same token sent again is still good (a bearer token until it expires), and each exchange makes its own session', async () => {
    const accessToken = await token(dana.email, danaOid);
    const before = await sessionCount(dana.accountId);
    const first = await exchange(accessToken);
    const second = await exchange(accessToken);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.sessionId).not.toBe(second.body.sessionId);
    expect(await sessionCount(dana.accountId)).toBe(before + 2);
  });

  test('then the App ID URI is accepted as audience, and asking for the organization by id works; another id is refused', async () => {
    const byUri = await exchange(await token(dana.email, danaOid, { aud: APP_ID_URI, azp: CLIENT_ID }), { organizationId: cast.organizationId });
    expect(byUri.status).toBe(200);
    const elsewhere = await exchange(await token(dana.email, danaOid), { organizationId: strict.organizationId });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([400, 'sso_not_covered']);
  });

  test('then a changed address of the same Microsoft user still signs in the linked account', async () => {
    const res = await exchange(await token(`dana.renamed@${DOMAIN}`, danaOid));
    expect(res.status).toBe(200);
    const me = await t.api('GET', '/api/v1/me', { token: res.body.accessToken });
    expect(me.body.account.id).toBe(dana.accountId);
  });
});

describe('when the token or the person does not fit, then it is refused with its code and no session starts', () => {
  test.each<[string, () => Promise<string>, number, string]>([
    ['another audience', () => token(dana.email, danaOid, { aud: '00000003-0000-0000-c000-000000000000' }), 401, 'entra_token_audience'],
    ['the issuer of another tenant', () => token(dana.email, danaOid, { iss: `https://login.microsoftonline.com/${UNPINNED_TENANT}/v2.0` }), 401, 'entra_token_issuer'],
    ['an expired token', () => token(dana.email, danaOid, { exp: Math.floor(Date.now() / 1000) - 120 }), 401, 'entra_token_expired'],
    [
      'an unsigned token (alg none)',
      async () => {
        const [, payload] = (await token(dana.email, danaOid)).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: entra.key.kid })).toString('base64url')}.${payload}.`;
      },
      401,
      'entra_token_algorithm',
    ],
    ['a key Microsoft does not publish', async () => entra.sign(entraAccessClaims({ tenantId: TENANT, objectId: danaOid, email: dana.email, audience: CLIENT_ID }), { key: await entra.newKey('made-up') }), 401, 'entra_token_unknown_key'],
    ['a token another application asked for (Outlook on the web itself)', () => token(dana.email, danaOid, { azp: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3' }), 401, 'entra_token_client'],
    ['a token without the access_as_user scope', () => token(dana.email, danaOid, { scp: 'User.Read' }), 401, 'entra_token_scope'],
    ['a tenant no organization pinned', () => token(`dana@${DOMAIN}`, danaOid, {}, UNPINNED_TENANT), 403, 'entra_tenant_not_connected'],
    ['a pinned tenant but an address on a domain it does not cover', () => token('dana@elsewhere.test', newOid()), 400, 'sso_not_covered'],
    ['a token without an address', () => token(dana.email, danaOid, { preferred_username: undefined }), 400, 'sso_not_covered'],
    ["another Microsoft user with the linked person's address", () => token(dana.email, newOid()), 403, 'entra_identity_mismatch'],
  ])('%s', async (_what, makeToken, status, code) => {
    const accessToken = await makeToken();
    const before = await digestTables(t.store);
    const res = await exchange(accessToken);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.body.detail).toMatch(/\.$/);
    expect(changedTables(before, await digestTables(t.store))).toEqual([]);
  });

  test('a guest on a covered domain is sent to the sign-in window', async () => {
    const guest = await inviteAndRegister(t, cast.admin, { email: `gus@${DOMAIN}`, type: 'guest' });
    const res = await exchange(await token(guest.email, newOid()));
    expect([res.status, res.body.code, res.body.reason]).toEqual([403, 'entra_dialog_sign_in_required', 'guest']);
    expect(res.body.detail).toContain('Guests of NAA Clinic sign in with their Sealpost password');
    expect(await sessionCount(guest.accountId)).toBe(1);
  });

  test('a removed member is told their access was revoked; their Microsoft session had ended with the removal', async () => {
    const rita = await inviteAndRegister(t, cast.admin, { email: `rita@${DOMAIN}`, type: 'pro' });
    const ritaOid = newOid();
    const signedIn = await exchange(await token(rita.email, ritaOid));
    expect(signedIn.status).toBe(200);
    const removed = await t.api('DELETE', `/api/v1/members/${rita.accountId}`, { token: cast.admin.accessToken });
    expect(removed.status).toBe(204);
    expect((await t.api('GET', '/api/v1/me', { token: signedIn.body.accessToken })).status).toBeGreaterThanOrEqual(401);
    const again = await exchange(await token(rita.email, ritaOid));
    expect([again.status, again.body.code]).toEqual([403, 'access_revoked']);
  });

  test('someone on a covered domain without an invitation is sent to their administrator, and nobody is provisioned', async () => {
    await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { autoProvision: 'pro' } });
    try {
      const res = await exchange(await token(`newcomer@${DOMAIN}`, newOid()));
      expect([res.status, res.body.code]).toEqual([403, 'sso_no_invitation']);
      expect(await t.store.accounts.findByEmail(`newcomer@${DOMAIN}`)).toBeNull();
    } finally {
      await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { autoProvision: 'off' } });
    }
  });
});

describe('when an invited person trades their first Microsoft token', () => {
  test('then a pro invitation is accepted with the session', async () => {
    const invited = await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `ivy@${DOMAIN}`, type: 'pro' } });
    expect(invited.status).toBe(201);
    const res = await exchange(await token(`ivy@${DOMAIN}`, newOid()));
    expect(res.status).toBe(200);
    const account = (await t.store.accounts.findByEmail(`ivy@${DOMAIN}`))!;
    expect((await t.store.memberships.find(cast.organizationId, account.id))!.status).toBe('active');
    const actions = (await t.store.audit.list(cast.organizationId, { limit: 10 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.registered', 'session.entra_signed_in']));
  });

  test('then a guest invitation stays pending and the guest is sent to the sign-in window', async () => {
    await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `gwen@${DOMAIN}`, type: 'guest' } });
    const res = await exchange(await token(`gwen@${DOMAIN}`, newOid()));
    expect([res.status, res.body.code]).toEqual([403, 'entra_dialog_sign_in_required']);
    const account = (await t.store.accounts.findByEmail(`gwen@${DOMAIN}`))!;
    expect((await t.store.memberships.find(cast.organizationId, account.id))!.status).toBe('invited');
  });
});

describe('when the organization requires 2-step verification', () => {
  let sam: Member;
  const samOid = newOid();
  beforeAll(async () => {
    sam = await inviteAndRegister(t, strict.admin, { email: `sam@${STRICT_DOMAIN}`, type: 'pro' });
    const required = await t.api('PATCH', '/api/v1/organization/settings', { token: strict.admin.accessToken, body: { requireTwoStep: true } });
    expect(required.status).toBe(200);
  });
  const setTrust = (trustProviderMfa: boolean) =>
    t.store.db.query('UPDATE sso_providers SET trust_provider_mfa = $2 WHERE organization_id = $1', [strict.organizationId, trustProviderMfa]);

  test('then without trust in the provider\'s MFA the add-in is sent to its sign-in window, even with an MFA signal', async () => {
    await setTrust(false);
    const res = await exchange(await token(sam.email, samOid, { amr: ['pwd', 'mfa'] }, STRICT_TENANT));
    expect([res.status, res.body.code, res.body.reason]).toEqual([403, 'entra_dialog_sign_in_required', 'two_step']);
    expect(res.body.detail).toContain('Sign in with the Sealpost sign-in window instead.');
  });

  test('then with trust but a v2.0 token that carries no MFA signal (no amr; acrs is not read as MFA) it is refused too', async () => {
    await setTrust(true);
    const res = await exchange(await token(sam.email, samOid, { acrs: ['c1'] }, STRICT_TENANT));
    expect([res.status, res.body.code]).toEqual([403, 'entra_dialog_sign_in_required']);
  });

  test('then with trust and amr saying mfa the session starts as one that passed the second step', async () => {
    await setTrust(true);
    const res = await exchange(await token(sam.email, samOid, { amr: ['pwd', 'mfa'] }, STRICT_TENANT));
    expect(res.status).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token: res.body.accessToken })).status).toBe(200);
    const refreshed = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: res.body.refreshToken }, ip: freshIp() });
    expect(refreshed.status).toBe(200);
  });
});

test('when one client address trades tokens beyond the sign-in attempts allowed, then it is told to wait', async () => {
  const ip = '198.19.0.7';
  const bad = await token(dana.email, danaOid, { aud: 'someone-else' });
  const statuses: number[] = [];
  for (let i = 0; i < 31; i += 1) statuses.push((await exchange(bad, {}, ip)).status);
  expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
  expect(statuses[30]).toBe(429);
});

test('when Microsoft sign-in is not configured on the server, then the route says so with 503', async () => {
  const off = await startTestServer();
  try {
    const res = await off.api('POST', '/api/v1/auth/entra', { body: { accessToken: await token(dana.email, danaOid) } });
    expect([res.status, res.body.code]).toEqual([503, 'sso_entra_not_configured']);
  } finally {
    await off.stop();
  }
});
