/**
 * Changing one's password while signed in: the current password is required, the new one follows the sign-up
 * rules, the other sessions end while this one stays, an email without secrets says it happened, and the change is
 * audited. Wrong guesses are limited per account. A reset through the emailed link is audited and announced too.
 */
import { login } from '../../testing/accounts';
import { castOrganization, inviteAndRegister, type Cast } from '../../testing/members';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Harbor Clinic');
});
afterAll(async () => {
  await t.stop();
});

const change = (token: string | undefined, body: unknown) => t.api('POST', '/api/v1/auth/password', { token, body });
const changedMails = async (email: string) => (await t.mailTo(email)).filter((m) => m.subject === 'Your Sealpost password was changed');
const auditOf = async (accountId: string, action: string) =>
  (await t.store.audit.list(cast.organizationId, { limit: 20 })).filter((e) => e.action === action && e.targetId === accountId);

test('when a member changes their password, then other sessions end, this one stays, the old password stops working, an email says so and it is audited', async () => {
  const member = await inviteAndRegister(t, cast.admin, { type: 'pro', password: 'the first passphrase' });
  const elsewhere = await login(t, member.email, 'the first passphrase');
  const res = await change(member.accessToken, { currentPassword: 'the first passphrase', newPassword: 'a second sturdy passphrase' });
  expect(res.status).toBe(200);
  expect(res.body.sessionsEnded).toBe(1);
  expect((await t.api('GET', '/api/v1/me', { token: member.accessToken })).status).toBe(200);
  expect((await t.api('GET', '/api/v1/me', { token: elsewhere.body.accessToken })).status).toBe(401);
  expect((await login(t, member.email, 'the first passphrase')).status).toBe(401);
  expect((await login(t, member.email, 'a second sturdy passphrase')).status).toBe(200);

  const [mail, ...more] = await changedMails(member.email);
  expect(more).toEqual([]);
  expect(mail!.text).toContain('Your other sessions were signed out.');
  expect(`${mail!.text}${mail!.html}`).not.toMatch(/passphrase/);
  expect(await auditOf(member.accountId, 'account.password_changed')).toHaveLength(1);
});

test('when the current password is wrong or the new one is weak, then it is refused and nothing changes', async () => {
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest', password: 'the first passphrase' });
  const wrong = await change(member.accessToken, { currentPassword: 'not my passphrase', newPassword: 'a second sturdy passphrase' });
  expect([wrong.status, wrong.body.code]).toEqual([400, 'current_password_incorrect']);
  const weak = await change(member.accessToken, { currentPassword: 'the first passphrase', newPassword: 'short' });
  expect([weak.status, weak.body.code]).toEqual([400, 'weak_password']);
  const anonymous = await change(undefined, { currentPassword: 'the first passphrase', newPassword: 'a second sturdy passphrase' });
  expect(anonymous.status).toBe(401);
  expect((await login(t, member.email, 'the first passphrase')).status).toBe(200);
  expect(await changedMails(member.email)).toEqual([]);
  expect(await auditOf(member.accountId, 'account.password_changed')).toEqual([]);
});

test('when a stolen session guesses the current password, then after ten tries it is rate limited even with the right one', async () => {
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest', password: 'the first passphrase' });
  for (let i = 0; i < 10; i += 1) {
    expect((await change(member.accessToken, { currentPassword: `guess ${i}`, newPassword: 'a second sturdy passphrase' })).status).toBe(400);
  }
  const right = await change(member.accessToken, { currentPassword: 'the first passphrase', newPassword: 'a second sturdy passphrase' });
  expect([right.status, right.body.code]).toEqual([429, 'rate_limited']);
});

test('when a password is reset through the emailed link, then it is audited and the person gets the changed-password email', async () => {
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  await t.api('POST', '/api/v1/auth/password-reset', { body: { email: member.email }, ip: '203.0.113.77' });
  const [resetMail] = await t.mailTo(member.email);
  const token = tokenOf(linkIn(resetMail!, '/reset-password'));
  expect((await t.api('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'a fresh sturdy passphrase' } })).status).toBe(204);
  expect(await changedMails(member.email)).toHaveLength(1);
  expect(await auditOf(member.accountId, 'account.password_reset')).toHaveLength(1);
});

test('when a person signs out one of their sessions from the account page, then it is audited against them, and another person cannot name it', async () => {
  const member = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  const elsewhere = await login(t, member.email, member.password);
  const refused = await t.api('DELETE', `/api/v1/auth/sessions/${elsewhere.body.sessionId}`, { token: cast.pro.accessToken });
  expect([refused.status, refused.body.code]).toEqual([404, 'not_found']);
  expect((await t.api('DELETE', `/api/v1/auth/sessions/${elsewhere.body.sessionId}`, { token: member.accessToken })).status).toBe(204);
  expect((await t.api('GET', '/api/v1/me', { token: elsewhere.body.accessToken })).status).toBe(401);
  const [ended, ...more] = await auditOf(member.accountId, 'session.ended');
  expect(more).toEqual([]);
  expect(ended!.data).toEqual({ sessionId: elsewhere.body.sessionId });
});
