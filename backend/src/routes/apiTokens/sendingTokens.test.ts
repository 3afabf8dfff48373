/**
 * A back-office system (a clinic's records system) sends secure messages with an API token of scope messages:send:
 * as the pro the token names, with that pro's rules and budgets, every use audited; expired tokens, tokens whose pro
 * left, and tokens without the scope are refused and change nothing.
 */
import { castOrganization, uniqueEmail, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Records Clinic');
});
afterAll(async () => {
  await t.stop();
});

const create = (body: unknown, token = cast.admin.accessToken) => t.api('POST', '/api/v1/organization/api-tokens', { token, body });
const send = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/v1/messages', { token, body: { html: '<p>Your results are ready</p>', ...body } });
const count = async (table: string) => (await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

test('when a messages:send token sends, then the message is the named pro\'s, the client is notified, and the use is audited', async () => {
  const made = await create({ name: 'Records system', scopes: ['messages:send'], actingFor: cast.pro.accountId, expiresInDays: 30 });
  expect(made.status).toBe(201);
  expect(made.body.actingFor).toEqual({ id: cast.pro.accountId, name: 'Pat Pro', email: cast.pro.email });
  expect(Date.parse(made.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

  const newcomer = uniqueEmail('patient');
  const sent = await send(made.body.token, { subject: 'Lab results', to: [{ email: cast.guest.email }, { email: newcomer }], confirmedInvitations: [newcomer] });
  expect(sent.status).toBe(201);
  expect(sent.body.invited).toEqual([newcomer]);
  const read = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken });
  expect(read.body).toMatchObject({ subject: 'Lab results', from: { name: 'Pat Pro', email: cast.pro.email } });
  expect((await t.mailTo(cast.guest.email)).some((m) => m.subject === 'Pat Pro sent you a secure message')).toBe(true);

  const events = await t.store.audit.list(cast.organizationId, { limit: 10 });
  expect(events.find((e) => e.action === 'message.sent' && e.targetId === sent.body.id)).toMatchObject({ actorId: cast.pro.accountId });
  expect(events.find((e) => e.action === 'api_token.used')).toMatchObject({
    actorId: cast.pro.accountId, targetId: made.body.id, data: { name: 'Records system', route: 'POST /api/v1/messages' },
  });
});

test('when a token is made to send as anyone but an active pro, or names a pro without the scope, then it is refused and nothing is stored', async () => {
  const other = await castOrganization(t, 'Other Practice');
  const before = await count('api_tokens');
  for (const body of [
    { name: 'x', scopes: ['messages:send'], actingFor: cast.guest.accountId },
    { name: 'x', scopes: ['messages:send'], actingFor: other.pro.accountId },
    { name: 'x', scopes: ['messages:send'] },
    { name: 'x', scopes: ['members:read'], actingFor: cast.pro.accountId },
    { name: 'x', scopes: ['messages:send'], actingFor: cast.pro.accountId, expiresInDays: 0 },
    { name: 'x', scopes: ['messages:send'], actingFor: cast.pro.accountId, expiresInDays: 100_000 },
  ]) {
    const res = await create(body);
    expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), 400, 'invalid_request']);
  }
  expect(await count('api_tokens')).toBe(before);
});

test('when a sending token keeps the pro\'s limits, then a guest-only rule or an unconfirmed newcomer is refused as for the pro', async () => {
  const made = await create({ name: 'Billing', scopes: ['messages:send'], actingFor: cast.pro.accountId });
  const stranger = uniqueEmail('stranger');
  const refused = await send(made.body.token, { subject: 'Invoice', to: [{ email: stranger }] });
  expect([refused.status, refused.body.code]).toEqual([409, 'unconfirmed_recipients']);
  // the token opens sending only: reading the pro's inbox or anything else stays closed
  expect((await t.api('GET', '/api/v1/messages', { token: made.body.token })).status).toBe(401);
  expect((await t.api('GET', '/api/v1/members', { token: made.body.token })).body.code).toBe('api_token_scope');
});

test('when the token expired, was revoked, or its pro was removed, then sending is refused and nothing is stored or audited', async () => {
  const expiring = await create({ name: 'Expiring', scopes: ['messages:send'], actingFor: cast.userManager.accountId, expiresInDays: 1 });
  await t.store.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.body.id]);
  const leaving = await create({ name: 'Leaving', scopes: ['messages:send'], actingFor: cast.userManager.accountId });
  const before = [await count('messages'), await count('audit_events')];

  const expired = await send(expiring.body.token, { subject: 'x', to: [{ email: cast.guest.email }] });
  expect([expired.status, expired.body.code]).toEqual([401, 'invalid_api_token']);

  expect((await t.api('DELETE', `/api/v1/members/${cast.userManager.accountId}`, { token: cast.admin.accessToken })).status).toBe(204);
  const afterRemoval = [await count('messages'), await count('audit_events')];
  const gone = await send(leaving.body.token, { subject: 'x', to: [{ email: cast.guest.email }] });
  expect([gone.status, gone.body.code]).toEqual([401, 'invalid_api_token']);
  expect(gone.body.detail).toContain('no longer an active pro');
  expect([await count('messages'), await count('audit_events')]).toEqual(afterRemoval);
  expect(afterRemoval[0]).toBe(before[0]);
});
