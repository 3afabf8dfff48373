/**
 * POST /api/v1/auth/device-sessions: the Outlook send handler's own session on a device, over HTTP against a real
 * database. Its refresh tokens rotate apart from the caller's, it is listed and signed out like any session, and it
 * never outlives the session that asked for it: whatever ends the parent ends it, and it cannot start another.
 */
import { SEND_HANDLER_AGENT } from '../../commands/deviceSessionStarter';
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { inviteAndRegister } from '../../testing/members';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../testing/testServer';

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

describe('a device session never outlives the session that started it', () => {
  const start = async (token: string) => {
    const res = await t.api('POST', '/api/v1/auth/device-sessions', { token, body });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string; sessionId: string };
  };
  const expectDead = async (device: { accessToken: string; refreshToken: string }) => {
    expect((await t.api('GET', '/api/v1/me', { token: device.accessToken })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: device.refreshToken } })).status).toBe(401);
  };
  const resetPassword = async (email: string) => {
    await t.api('POST', '/api/v1/auth/password-reset', { body: { email } });
    const token = tokenOf(linkIn((await t.mailTo(email))[0]!, '/reset-password'));
    expect((await t.api('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'fresh passphrase one' } })).status).toBe(204);
  };

  test.each<[string, (owner: SignedUp) => Promise<unknown>]>([
    ['signs out', (owner) => t.api('POST', '/api/v1/auth/logout', { token: owner.accessToken })],
    ['is signed out from the session list', (owner) => t.api('DELETE', `/api/v1/auth/sessions/${owner.sessionId}`, { token: owner.accessToken })],
    [
      'has a spent refresh token presented again',
      async (owner) => {
        await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
        expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).body.code).toBe('refresh_token_reused');
      },
    ],
    ['resets the password', (owner) => resetPassword(owner.email)],
  ])('when the parent session %s, then its device session is refused too', async (_name, endParent) => {
    const owner = await signUpOrganization(t);
    const device = await start(owner.accessToken);
    await endParent(owner);
    await expectDead(device);
  });

  test('when the person is removed from the organization the parent has switched to, then the device session dies with the parent', async () => {
    const home = await signUpOrganization(t, { organizationName: 'Home Practice' });
    const other = await signUpOrganization(t, { organizationName: 'Other Practice' });
    const joined = await inviteAndRegister(t, other, { email: home.email, password: home.password, type: 'guest' });
    const device = await start(home.accessToken);
    const switched = await t.api('POST', '/api/v1/auth/switch-organization', {
      token: home.accessToken,
      body: { organizationId: other.organizationId },
    });
    expect(switched.status).toBe(200);
    expect((await t.api('DELETE', `/api/v1/members/${joined.accountId}`, { token: other.accessToken })).status).toBe(204);
    await expectDead(device);
  });

  test('when the parent session is no longer live, then the device session is refused even if nobody revoked it', async () => {
    const owner = await signUpOrganization(t);
    const device = await start(owner.accessToken);
    await t.store.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [owner.sessionId]);
    await expectDead(device);
  });

  test('when a device session asks for another device session, then it is 403 device_session_not_allowed and none starts', async () => {
    const owner = await signUpOrganization(t);
    const device = await start(owner.accessToken);
    const before = (await sessionsOf(owner.accessToken)).length;
    const refused = await t.api('POST', '/api/v1/auth/device-sessions', { token: device.accessToken, body });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('device_session_not_allowed');
    expect((await sessionsOf(owner.accessToken)).length).toBe(before);
    // The device session itself still works: the refusal changed nothing.
    expect((await t.api('GET', '/api/v1/me', { token: device.accessToken })).status).toBe(200);
  });
});
