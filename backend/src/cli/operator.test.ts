/** The operator's block command: the account is refused at once everywhere, and unblocking restores it. */
import { login, signUpOrganization } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';
import { runOperatorCommand } from './operator';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

test('when the operator blocks an account, then its session and sign-in are refused; unblocking restores sign-in', async () => {
  const owner = await signUpOrganization(t);
  expect(await runOperatorCommand(t.store, ['block', owner.email.toUpperCase()])).toBe(`${owner.email} is blocked.`);
  // the live session is refused with the reason, as the portal shows it
  const refused = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
  expect([refused.status, refused.body.code]).toEqual([403, 'account_blocked']);
  expect((await login(t, owner.email, owner.password)).body.code).toBe('account_blocked');
  expect(await runOperatorCommand(t.store, ['unblock', owner.email])).toBe(`${owner.email} is unblocked.`);
  expect((await login(t, owner.email, owner.password)).status).toBe(200);
  const audit = await t.store.audit.list(owner.organizationId);
  expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['account.blocked', 'account.unblocked']));
});

test('when the email is unknown or the command is wrong, then it says so and changes nothing', async () => {
  expect(await runOperatorCommand(t.store, ['block', 'nobody@nowhere.example'])).toBe('No account has the email nobody@nowhere.example.');
  expect(await runOperatorCommand(t.store, ['delete', 'x@y.example'])).toMatch(/^Usage/);
});
