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
  const made = await create({ name: 'Not a session', scopes: ['scim'] });
  for (const path of ['/api/v1/me', '/api/v1/members', '/api/v1/organization/api-tokens']) {
    const res = await t.api('GET', path, { token: made.body.token });
    expect(res.status).toBe(401);
  }
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
