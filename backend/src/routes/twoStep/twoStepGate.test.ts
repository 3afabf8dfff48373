/**
 * An organization that requires 2-step verification gets tokens only to sessions that passed it, whichever way the
 * tokens are asked for: switching organization, registration, refresh after the setting is turned on.
 */
import { login, signUpOrganization } from '../../testing/accounts';
import { invitationToken, uniqueEmail } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { codeAt, freshStep, requireTwoStep } from './testSupport';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

let ipCounter = 0;
const nextIp = () => `192.0.2.${(ipCounter += 1) + 100}`;

async function invite(t: TestServer, inviter: { accessToken: string }, email: string): Promise<string> {
  const invited = await t.api('POST', '/api/v1/invitations', { token: inviter.accessToken, body: { email, name: 'Sam Both', type: 'guest' } });
  if (invited.status !== 201) throw new Error(`invite answered ${invited.status}: ${JSON.stringify(invited.body)}`);
  return invitationToken(t, email);
}

/** Finishes an enrollment challenge with a right code; answers the activation response. */
async function enroll(challengeToken: string, ip: string) {
  const enrollment = await t.api('POST', '/api/v1/auth/two-step/enroll', { ip, body: { challengeToken } });
  const step = await freshStep();
  return t.api('POST', '/api/v1/auth/two-step/activate', { ip, body: { challengeToken, code: await codeAt(enrollment.body.secret, step - 1) } });
}

test('when a member of a 2-step organization signed in elsewhere without it switches to it, then no tokens are issued', async () => {
  const person = await signUpOrganization(t, { organizationName: 'Org A' });
  const strict = await signUpOrganization(t, { organizationName: 'Org C' });
  const registered = await t.api('POST', '/api/v1/registration', {
    ip: nextIp(),
    body: { token: await invite(t, strict, person.email), password: person.password },
  });
  expect(registered.status).toBe(200);
  await requireTwoStep(t, strict, true);

  const inA = await login(t, person.email, person.password, { organizationId: person.organizationId });
  expect(inA.body.organizationId).toBe(person.organizationId);
  const switched = await t.api('POST', '/api/v1/auth/switch-organization', {
    token: inA.body.accessToken,
    body: { organizationId: strict.organizationId },
  });
  expect(switched.status).toBe(403);
  expect(switched.body.code).toBe('two_step_required');
  expect(switched.body.accessToken).toBeUndefined();
  // Nothing moved: the session still belongs to A and its tokens still work there.
  const me = await t.api('GET', '/api/v1/me', { token: inA.body.accessToken });
  expect(me.body.organization.id).toBe(person.organizationId);
  expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: inA.body.refreshToken } })).status).toBe(200);

  // Once they set it up by signing in to C, the switch works both ways.
  const ip = nextIp();
  const challenge = await login(t, person.email, person.password, { organizationId: strict.organizationId });
  expect(challenge.body.twoStep).toBe('enroll');
  const inC = await enroll(challenge.body.challengeToken, ip);
  expect(inC.status).toBe(200);
  const toA = await t.api('POST', '/api/v1/auth/switch-organization', { token: inC.body.accessToken, body: { organizationId: person.organizationId } });
  expect(toA.status).toBe(200);
  const backToC = await t.api('POST', '/api/v1/auth/switch-organization', { token: toA.body.accessToken, body: { organizationId: strict.organizationId } });
  expect(backToC.status).toBe(200);
});

test('when someone registers into a 2-step organization, then the membership turns active only when enrollment completes', async () => {
  const strict = await signUpOrganization(t, { organizationName: 'Strict Clinic' });
  await requireTwoStep(t, strict, true);
  const email = uniqueEmail('strict-guest');
  const ip = nextIp();
  const registered = await t.api('POST', '/api/v1/registration', {
    ip,
    body: { token: await invite(t, strict, email), name: 'Rae Guest', password: 'a sturdy passphrase' },
  });
  expect(registered.body.twoStep).toBe('enroll');
  const account = (await t.store.accounts.findByEmail(email))!;
  expect((await t.store.memberships.find(strict.organizationId, account.id))!.status).toBe('invited');

  const activated = await enroll(registered.body.challengeToken, ip);
  expect(activated.status).toBe(200);
  expect((await t.store.memberships.find(strict.organizationId, account.id))!.status).toBe('active');
  expect((await t.api('GET', '/api/v1/me', { token: activated.body.accessToken })).body.organization.id).toBe(strict.organizationId);
});

test('when an organization turns 2-step on, then a session that never passed it cannot refresh its tokens', async () => {
  const owner = await signUpOrganization(t);
  const member = await login(t, owner.email, owner.password);
  await requireTwoStep(t, owner, true);
  const refreshed = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: member.body.refreshToken } });
  expect(refreshed.status).toBe(403);
  expect(refreshed.body.code).toBe('two_step_required');
});
