/** Member management over HTTP: type and seats, roles and the last-admin guard, removal and its immediate effect. */
import { login } from '../../testing/accounts';
import { castOrganization, inviteAndRegister, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Riverside Clinic');
});
afterAll(async () => {
  await t.stop();
});

const patch = (token: string, accountId: string, body: unknown) => t.api('PATCH', `/api/v1/members/${accountId}`, { token, body });

test('when members are listed, then each carries what the viewer may do to it', async () => {
  const asAdmin = await t.api('GET', '/api/v1/members', { token: cast.admin.accessToken });
  const adminRow = asAdmin.body.members.find((m: { accountId: string }) => m.accountId === cast.admin.accountId);
  expect(adminRow.roles).toEqual(['admin', 'user_manager']);
  const guestRow = asAdmin.body.members.find((m: { accountId: string }) => m.accountId === cast.guest.accountId);
  expect(guestRow.abilities).toMatchObject({ canChangeType: true, canRemove: true, canGrantRoles: false });
  const asManager = await t.api('GET', '/api/v1/members', { token: cast.userManager.accessToken });
  const adminSeenByManager = asManager.body.members.find((m: { accountId: string }) => m.accountId === cast.admin.accountId);
  expect(adminSeenByManager.abilities).toMatchObject({ canRemove: false, canChangeType: false, canGrantRoles: false });
});

test('when a guest is made a pro without a free seat, then it is 409 no_seats_available; with one, it works', async () => {
  const client = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const seats = (await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body;
  // Fill the free seats with pros so none is left.
  for (let i = 0; i < seats.free; i += 1) await inviteAndRegister(t, cast.admin, { type: 'pro' });
  const refused = await patch(cast.admin.accessToken, client.accountId, { type: 'pro' });
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('no_seats_available');
  await buySeats(t, cast.userManager.accessToken, 1);
  expect((await patch(cast.admin.accessToken, client.accountId, { type: 'pro' })).status).toBe(204);
  const me = await t.api('GET', '/api/v1/me', { token: client.accessToken });
  expect(me.body.membership.type).toBe('pro');
});

test('when the only admin would lose the role or be removed, then it is 409 last_admin', async () => {
  const demote = await patch(cast.admin.accessToken, cast.admin.accountId, { roles: { admin: false } });
  expect(demote.status).toBe(409);
  expect(demote.body.code).toBe('last_admin');
  const remove = await t.api('DELETE', `/api/v1/members/${cast.admin.accountId}`, { token: cast.admin.accessToken });
  expect(remove.body.code).toBe('last_admin');
  // With a second admin the first may step down.
  expect((await patch(cast.admin.accessToken, cast.pro.accountId, { roles: { admin: true } })).status).toBe(204);
  expect((await patch(cast.admin.accessToken, cast.admin.accountId, { roles: { admin: false } })).status).toBe(204);
  expect((await patch(cast.pro.accessToken, cast.admin.accountId, { roles: { admin: true } })).status).toBe(204);
});

test('when a pro with roles is made a guest, then it is refused until the roles are removed', async () => {
  const res = await patch(cast.admin.accessToken, cast.userManager.accountId, { type: 'guest' });
  expect(res.body.code).toBe('roles_require_pro');
});

test('when a change is refused for any of its parts, then none of it is applied', async () => {
  await buySeats(t, cast.userManager.accessToken, 1);
  const pro = await inviteAndRegister(t, cast.admin, { type: 'pro' });
  const state = async () => {
    const member = (await t.api('GET', `/api/v1/members/${pro.accountId}`, { token: cast.admin.accessToken })).body.member;
    const [audit] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1', [pro.accountId]);
    return JSON.stringify({ type: member.type, roles: member.roles, audit: audit!.n });
  };
  const before = await state();
  for (const body of [
    { roles: { userManager: true }, type: 'guest' },
    { roles: { admin: true, userManager: false }, type: 'guest' },
    { roles: { admin: true }, type: 'guest' },
  ]) {
    const refused = await patch(cast.admin.accessToken, pro.accountId, body);
    expect([refused.status, refused.body.code]).toEqual([409, 'roles_require_pro']);
    expect(await state()).toBe(before);
  }
});

test('when a guest is made a pro admin in one request, then both apply; roles and type can also come off together', async () => {
  await buySeats(t, cast.userManager.accessToken, 1);
  const client = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  expect((await patch(cast.admin.accessToken, client.accountId, { type: 'pro', roles: { userManager: true } })).status).toBe(204);
  const promoted = (await t.api('GET', `/api/v1/members/${client.accountId}`, { token: cast.admin.accessToken })).body.member;
  expect([promoted.type, promoted.roles]).toEqual(['pro', ['user_manager']]);
  expect((await patch(cast.admin.accessToken, client.accountId, { type: 'guest', roles: { userManager: false } })).status).toBe(204);
  const demoted = (await t.api('GET', `/api/v1/members/${client.accountId}`, { token: cast.admin.accessToken })).body.member;
  expect([demoted.type, demoted.roles]).toEqual(['guest', []]);
});

test('when a member is removed, then their open session and refresh fail at once saying access was revoked, and so does sign-in', async () => {
  const leaving = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Lee Leaving' });
  expect((await t.api('GET', '/api/v1/me', { token: leaving.accessToken })).status).toBe(200);
  expect((await t.api('DELETE', `/api/v1/members/${leaving.accountId}`, { token: cast.userManager.accessToken })).status).toBe(204);

  const next = await t.api('GET', '/api/v1/me', { token: leaving.accessToken });
  expect([next.status, next.body.code]).toEqual([403, 'access_revoked']);
  expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: leaving.refreshToken } })).body.code).toBe('access_revoked');
  const again = await login(t, leaving.email, leaving.password);
  expect(again.status).toBe(403);
  expect(again.body.detail).toBe('Your access to Riverside Clinic has been revoked.');
  const audit = await t.store.audit.list(cast.organizationId, { limit: 5 });
  expect(audit.some((e) => e.action === 'member.removed' && e.targetId === leaving.accountId)).toBe(true);
});

test('when a user manager tries to remove an admin, then it is refused', async () => {
  const res = await t.api('DELETE', `/api/v1/members/${cast.admin.accountId}`, { token: cast.userManager.accessToken });
  expect(res.status).toBe(403);
});

test('when a manager signs a member out everywhere, then their sessions here end', async () => {
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const res = await t.api('POST', `/api/v1/members/${member.accountId}/sign-out`, { token: cast.userManager.accessToken });
  expect(res.body.sessionsEnded).toBe(1);
  expect((await t.api('GET', '/api/v1/me', { token: member.accessToken })).status).toBe(401);
});
