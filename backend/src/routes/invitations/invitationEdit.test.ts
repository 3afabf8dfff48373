/**
 * Correcting an invited person's email touches only the organization that corrects it: the account first invited
 * keeps its address, and with it whatever other organizations sent it, their receipts and their audit entries.
 */
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { castOrganization, invitationToken, uniqueEmail, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let home: Cast;
let stranger: SignedUp;
beforeAll(async () => {
  t = await startTestServer();
  home = await castOrganization(t, 'Harbor Clinic');
  stranger = await signUpOrganization(t, { organizationName: 'Unrelated Practice' });
});
afterAll(async () => {
  await t.stop();
});

const register = (token: string, name: string, password: string) =>
  t.api('POST', '/api/v1/registration', { body: { token, name, password } });
const homeAudit = async () => (await t.api('GET', '/api/v1/audit?limit=50', { token: home.admin.accessToken })).body.events;

test("when another organization corrects the address of an account that holds a message it was sent, then that account and the message's records are untouched", async () => {
  const victim = uniqueEmail('victim');
  const sent = await t.api('POST', '/api/v1/messages', {
    token: home.pro.accessToken,
    body: { subject: 'results', html: '<p>lab results</p>', to: [{ email: victim }], confirmedInvitations: [victim] },
  });
  expect(sent.status).toBe(201);
  const homeInvitation = (await t.api('GET', '/api/v1/invitations', { token: home.admin.accessToken })).body.invitations.find(
    (i: { email: string }) => i.email === victim,
  );
  expect((await t.api('DELETE', `/api/v1/invitations/${homeInvitation.id}`, { token: home.admin.accessToken })).status).toBe(204);
  const victimAccount = (await t.store.accounts.findByEmail(victim))!;
  const recipientsBefore = (await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: home.pro.accessToken })).body.recipients;
  const auditBefore = await homeAudit();

  const attacker = uniqueEmail('attacker', 'evil.example');
  const strangerInvite = await t.api('POST', '/api/v1/invitations', { token: stranger.accessToken, body: { email: victim, name: 'V', type: 'guest' } });
  expect(strangerInvite.status).toBe(201);
  const edited = await t.api('PATCH', `/api/v1/invitations/${strangerInvite.body.id}`, { token: stranger.accessToken, body: { email: attacker } });
  expect(edited.status).toBe(204);

  // The first account keeps its address; the corrected one is a different account.
  expect((await t.store.accounts.findById(victimAccount.id))!.email).toBe(victim);
  const attackerAccount = (await t.store.accounts.findByEmail(attacker))!;
  expect(attackerAccount.id).not.toBe(victimAccount.id);
  const registered = await register(await invitationToken(t, attacker), 'Mallory', 'mallory owns this now');
  expect(registered.status).toBe(200);

  // The home organization's message, receipts and audit still name the real recipient.
  const after = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: home.pro.accessToken });
  expect(after.body.recipients).toEqual(recipientsBefore);
  expect(JSON.stringify(after.body.recipients)).not.toContain('evil.example');
  expect(await homeAudit()).toEqual(auditBefore);

  // If the home organization writes to that address again, the real owner gets the history, not the attacker.
  expect((await t.api('POST', '/api/v1/invitations', { token: home.admin.accessToken, body: { email: victim } })).status).toBe(201);
  const owner = await register(await invitationToken(t, victim), 'Vera Victim', 'the real owner here');
  expect(owner.status).toBe(200);
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: owner.body.accessToken })).body.html).toContain('lab results');
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: registered.body.accessToken })).status).toBe(404);
});

test('when an organization corrects a fresh invitee it alone invited, then the corrected address gets a new account and the old one keeps its address', async () => {
  const wrong = uniqueEmail('typo');
  const right = uniqueEmail('fixed');
  const invited = await t.api('POST', '/api/v1/invitations', { token: home.admin.accessToken, body: { email: wrong, name: 'Sam' } });
  const placeholder = (await t.store.accounts.findByEmail(wrong))!;
  expect((await t.api('PATCH', `/api/v1/invitations/${invited.body.id}`, { token: home.admin.accessToken, body: { email: right } })).status).toBe(204);
  expect((await t.store.accounts.findById(placeholder.id))!.email).toBe(wrong);
  const corrected = (await t.store.accounts.findByEmail(right))!;
  expect(corrected.id).not.toBe(placeholder.id);
  expect(await t.store.memberships.find(home.organizationId, placeholder.id)).toBeNull();
  expect((await t.store.memberships.find(home.organizationId, corrected.id))?.status).toBe('invited');
  expect((await register(await invitationToken(t, right), 'Sam Right', 'a sturdy passphrase')).status).toBe(200);
});
