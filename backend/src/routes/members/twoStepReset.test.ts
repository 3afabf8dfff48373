/**
 * Resetting a member's 2-step verification: a user manager or admin removes it for someone who lost their phone and
 * recovery codes, the member's sessions here end and the reset is audited; at the next sign-in the member sets it up
 * again where the organization requires it. Admins' 2-step is an admin's decision; no one resets their own here;
 * other organizations, staff and guests are turned away and nothing changes.
 */
import { login } from '../../testing/accounts';
import { castOrganization, inviteAndRegister, type Cast } from '../../testing/members';
import { enrolledMember } from '../../testing/twoStepMembers';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { requireTwoStep } from '../twoStep/testSupport';

let t: TestServer;
let cast: Cast;
let other: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Harbor Clinic');
  other = await castOrganization(t, 'Other Practice');
});
afterAll(async () => {
  await t.stop();
});

const reset = (token: string, accountId: string) => t.api('POST', `/api/v1/members/${accountId}/two-step/reset`, { token });
const hasTwoStep = async (accountId: string) =>
  (await t.store.db.query('SELECT 1 FROM two_step_secrets WHERE account_id = $1', [accountId])).length === 1;

test('when a user manager resets a guest who lost their phone, then the secret and codes are gone, their sessions end, it is audited and they enrol again at sign-in', async () => {
  const guest = await enrolledMember(t, cast.admin);
  await requireTwoStep(t, cast.admin, true);
  try {
    const res = await reset(cast.userManager.accessToken, guest.accountId);
    expect(res.status).toBe(200);
    expect(res.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await hasTwoStep(guest.accountId)).toBe(false);
    const codes = await t.store.db.query('SELECT 1 FROM recovery_codes WHERE account_id = $1', [guest.accountId]);
    expect(codes).toHaveLength(0);
    expect((await t.api('GET', '/api/v1/me', { token: guest.accessToken })).status).toBe(401);

    const audit = await t.store.audit.list(cast.organizationId, { limit: 5 });
    const entry = audit.find((e) => e.action === 'member.two_step_reset' && e.targetId === guest.accountId);
    expect(entry?.actorId).toBe(cast.userManager.accountId);

    const signIn = await login(t, guest.email, guest.password);
    expect(signIn.body.twoStep).toBe('enroll');
  } finally {
    await requireTwoStep(t, cast.admin, false);
  }
});

test('when the member has no 2-step, or it was just reset, then the answer is 409 two_step_not_set_up', async () => {
  const plain = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const first = await reset(cast.admin.accessToken, plain.accountId);
  expect([first.status, first.body.code]).toEqual([409, 'two_step_not_set_up']);
  const guest = await enrolledMember(t, cast.admin);
  expect((await reset(cast.admin.accessToken, guest.accountId)).status).toBe(200);
  const replay = await reset(cast.admin.accessToken, guest.accountId);
  expect([replay.status, replay.body.code]).toEqual([409, 'two_step_not_set_up']);
});

test("when staff, a guest, another organization's admin or a user manager facing an admin asks, then it is refused and the 2-step stays", async () => {
  const guest = await enrolledMember(t, cast.admin);
  const enrolledAdmin = await enrolledMember(t, cast.admin, 'pro');
  await t.api('PATCH', `/api/v1/members/${enrolledAdmin.accountId}`, { token: cast.admin.accessToken, body: { roles: { admin: true } } });
  const refusals = [
    [cast.pro.accessToken, guest.accountId, 403],
    [cast.guest.accessToken, guest.accountId, 403],
    [other.admin.accessToken, guest.accountId, 404],
    [cast.userManager.accessToken, enrolledAdmin.accountId, 403],
    [cast.admin.accessToken, '00000000-0000-4000-8000-000000000000', 404],
  ] as const;
  for (const [token, accountId, status] of refusals) {
    const res = await reset(token, accountId);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code: status === 403 ? 'forbidden' : 'not_found' });
  }
  expect(await hasTwoStep(guest.accountId)).toBe(true);
  expect(await hasTwoStep(enrolledAdmin.accountId)).toBe(true);
  // An admin may reset another admin's.
  expect((await reset(cast.admin.accessToken, enrolledAdmin.accountId)).status).toBe(200);
});

test('when an admin asks to reset their own 2-step here, then it is refused with a pointer to the account page', async () => {
  const admin = await enrolledMember(t, cast.admin, 'pro');
  await t.api('PATCH', `/api/v1/members/${admin.accountId}`, { token: cast.admin.accessToken, body: { roles: { admin: true } } });
  const res = await reset(admin.accessToken, admin.accountId);
  expect([res.status, res.body.code, res.body.detail]).toEqual([403, 'forbidden', 'Change your own 2-step verification on your account page.']);
  expect(await hasTwoStep(admin.accountId)).toBe(true);
});
