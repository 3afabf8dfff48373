/** API tokens over HTTP: created with the secret shown once, listed without it, revoked, audited; never a session. */
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Token Clinic');
});
afterAll(async () => {
  await t.stop();
});

const create = (body: unknown, token = cast.admin.accessToken) => t.api('POST', '/api/v1/organization/api-tokens', { token, body });

test('when an admin creates a token, then its secret is shown once, the list shows only its prefix, and it is audited', async () => {
  const made = await create({ name: 'Entra provisioning', scopes: ['scim'] });
  expect(made.status).toBe(201);
  expect(made.body.token).toMatch(/^sp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  expect(made.body.token.startsWith(made.body.prefix)).toBe(true);
  expect(made.body).toMatchObject({ name: 'Entra provisioning', scopes: ['scim'], lastUsedAt: null, createdBy: { email: cast.admin.email } });
  const list = await t.api('GET', '/api/v1/organization/api-tokens', { token: cast.admin.accessToken });
  const listed = list.body.tokens.find((x: { id: string }) => x.id === made.body.id);
  expect(listed).toEqual({ ...made.body, token: undefined });
  expect(JSON.stringify(list.body)).not.toContain(made.body.token.slice(-43));
  const stored = await t.store.apiTokens.findByPrefix(made.body.prefix.slice(3));
  expect(JSON.stringify(stored)).not.toContain(made.body.token.slice(-43));
  const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(event).toMatchObject({ action: 'api_token.created', actorId: cast.admin.accountId, targetId: made.body.id });
  expect(JSON.stringify(event)).not.toContain(made.body.token.slice(-43));
});

test('when an API token is presented to a session route, then it is refused as a sign-in', async () => {
  const made = await create({ name: 'Not a session', scopes: ['scim', 'members:read'] });
  for (const [method, path] of [['GET', '/api/v1/me'], ['GET', '/api/v1/organization/api-tokens'], ['GET', '/api/v1/members/export.csv'],
    ['PATCH', `/api/v1/members/${cast.pro.accountId}`], ['DELETE', `/api/v1/members/${cast.pro.accountId}`]] as const) {
    const res = await t.api(method, path, { token: made.body.token, body: method === 'PATCH' ? { type: 'guest' } : undefined });
    expect([path, res.status]).toEqual([path, 401]);
  }
  expect((await t.store.memberships.find(cast.organizationId, cast.pro.accountId))).toMatchObject({ type: 'pro', status: 'active' });
});

describe('when a back-office system reads the members with a token', () => {
  test('then a members:read token lists them, the use is noted, and a revoked token stops working', async () => {
    const made = await create({ name: 'HR system', scopes: ['members:read'] });
    const listed = await t.api('GET', '/api/v1/members?limit=50', { token: made.body.token });
    expect(listed.status).toBe(200);
    expect(listed.body.members.map((m: { email: string }) => m.email)).toEqual(expect.arrayContaining([cast.admin.email, cast.pro.email]));
    const list = await t.api('GET', '/api/v1/organization/api-tokens', { token: cast.admin.accessToken });
    expect(list.body.tokens.find((x: { id: string }) => x.id === made.body.id).lastUsedAt).toEqual(expect.any(String));

    await t.api('DELETE', `/api/v1/organization/api-tokens/${made.body.id}`, { token: cast.admin.accessToken });
    const after = await t.api('GET', '/api/v1/members', { token: made.body.token });
    expect([after.status, after.body.code]).toEqual([401, 'invalid_api_token']);
  });

  test('then a token without the scope is refused with the scope it lacks, and a members:read token is no SCIM token', async () => {
    const scim = await create({ name: 'Directory', scopes: ['scim'] });
    const refused = await t.api('GET', '/api/v1/members', { token: scim.body.token });
    expect([refused.status, refused.body.code]).toEqual([403, 'api_token_scope']);
    expect(refused.body.detail).toContain('"members:read"');
    const reader = await create({ name: 'Reader', scopes: ['members:read'] });
    const scimCall = await t.api('GET', '/scim/v2/Users', { token: reader.body.token });
    expect(scimCall.status).toBe(403);
  });

  test('then a token of another organization sees only its own members, and a forged secret is refused', async () => {
    const other = await castOrganization(t, 'Other Token Clinic');
    const theirs = await t.api('POST', '/api/v1/organization/api-tokens', { token: other.admin.accessToken, body: { name: 'Theirs', scopes: ['members:read'] } });
    const listed = await t.api('GET', '/api/v1/members?limit=50', { token: theirs.body.token });
    const emails = listed.body.members.map((m: { email: string }) => m.email);
    expect(emails).toContain(other.admin.email);
    expect(emails).not.toContain(cast.admin.email);
    const forged = `${theirs.body.token.slice(0, -5)}AAAAA`;
    expect((await t.api('GET', '/api/v1/members', { token: forged })).status).toBe(401);
  });

  test('then a token whose creator is no longer an admin stops working', async () => {
    const made = await create({ name: 'Made by a leaving admin', scopes: ['members:read'] }, cast.admin.accessToken);
    await t.api('PATCH', `/api/v1/members/${cast.userManager.accountId}`, { token: cast.admin.accessToken, body: { roles: { admin: true } } });
    const second = await t.api('POST', '/api/v1/organization/api-tokens', { token: cast.userManager.accessToken, body: { name: 'Second admin', scopes: ['members:read'] } });
    expect(second.status).toBe(201);
    await t.api('PATCH', `/api/v1/members/${cast.userManager.accountId}`, { token: cast.admin.accessToken, body: { roles: { admin: false } } });
    expect((await t.api('GET', '/api/v1/members', { token: second.body.token })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/members', { token: made.body.token })).status).toBe(200);
  });
});

test('when a token is revoked, then it leaves the list, a second revoke is 404, and the revocation is audited', async () => {
  const made = await create({ name: 'Short lived', scopes: ['scim'] });
  const revoked = await t.api('DELETE', `/api/v1/organization/api-tokens/${made.body.id}`, { token: cast.admin.accessToken });
  expect(revoked.status).toBe(204);
  const list = await t.api('GET', '/api/v1/organization/api-tokens', { token: cast.admin.accessToken });
  expect(list.body.tokens.map((x: { id: string }) => x.id)).not.toContain(made.body.id);
  const again = await t.api('DELETE', `/api/v1/organization/api-tokens/${made.body.id}`, { token: cast.admin.accessToken });
  expect([again.status, again.body.code]).toEqual([404, 'not_found']);
  const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(event).toMatchObject({ action: 'api_token.revoked', targetId: made.body.id });
});

test('when the name or scopes are not acceptable, or a non-admin asks, then nothing is created', async () => {
  const before = (await t.api('GET', '/api/v1/organization/api-tokens', { token: cast.admin.accessToken })).body.tokens.length;
  for (const body of [{ name: '', scopes: ['scim'] }, { name: 'x', scopes: [] }, { name: 'x', scopes: ['admin'] }, { name: 'x', scopes: ['scim', 'scim'] },
    { name: 'x\nnewline', scopes: ['scim'] }, { name: 'x'.repeat(101), scopes: ['scim'] }]) {
    const res = await create(body);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
  }
  const byManager = await create({ name: 'Manager', scopes: ['scim'] }, cast.userManager.accessToken);
  expect([byManager.status, byManager.body.code]).toEqual([403, 'forbidden']);
  expect((await t.api('GET', '/api/v1/organization/api-tokens', { token: cast.admin.accessToken })).body.tokens.length).toBe(before);
});
