/**
 * POST /api/v1/auth/device-sessions: the Outlook send handler's own session on a device, over HTTP against a real
 * database. Its refresh tokens rotate apart from the caller's, it is listed and signed out like any session, and it
 * never outlives the session that asked for it.
 */
import { SEND_HANDLER_AGENT } from '../../commands/deviceSessionStarter';
import { signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const body = { purpose: 'outlook_send_handler' };
type Listed = { id: string; userAgent: string | null; expiresAt: string; current: boolean };
const sessionsOf = async (token: string) => (await t.api('GET', '/api/v1/auth/sessions', { token })).body.sessions as Listed[];

test('when a signed-in person starts a device session, then it has its own tokens and family, is listed, and ends no later than the caller', async () => {
  const owner = await signUpOrganization(t);
  const started = await t.api('POST', '/api/v1/auth/device-sessions', { token: owner.accessToken, body });
  expect(started.status).toBe(200);
  const device = started.body;
  expect(device.sessionId).not.toBe(owner.sessionId);
  expect((await t.api('GET', '/api/v1/me', { token: device.accessToken })).status).toBe(200);

  const listed = await sessionsOf(owner.accessToken);
  const caller = listed.find((s) => s.id === owner.sessionId)!;
  const handler = listed.find((s) => s.id === device.sessionId)!;
  expect(handler.userAgent).toBe(SEND_HANDLER_AGENT);
  expect(Date.parse(handler.expiresAt)).toBeLessThanOrEqual(Date.parse(caller.expiresAt));

  // Rotating the handler's refresh token leaves the caller's family alone, and the other way round.
  const rotated = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: device.refreshToken } });
  expect(rotated.status).toBe(200);
  expect(rotated.body.sessionId).toBe(device.sessionId);
  expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).status).toBe(200);

  // Signed out like any other session.
  expect((await t.api('DELETE', `/api/v1/auth/sessions/${device.sessionId}`, { token: owner.accessToken })).status).toBe(204);
  expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);
});

test('when nobody is signed in, then no session starts', async () => {
  const res = await t.api('POST', '/api/v1/auth/device-sessions', { body });
  expect(res.status).toBe(401);
});

test.each([
  ['no purpose', {}],
  ['another purpose', { purpose: 'anything' }],
  ['a NUL byte', { purpose: 'outlook_send_handler\u0000' }],
  ['an extra key', { ...body, delivery: 'cookie' }],
  ['a huge string', { purpose: 'x'.repeat(1_000_000) }],
])('when the body has %s, then it is refused with a 4xx and no session starts', async (_name, bad) => {
  const owner = await signUpOrganization(t);
  const before = (await sessionsOf(owner.accessToken)).length;
  const res = await t.api('POST', '/api/v1/auth/device-sessions', { token: owner.accessToken, body: bad });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(typeof res.body.code).toBe('string');
  expect((await sessionsOf(owner.accessToken)).length).toBe(before);
});
