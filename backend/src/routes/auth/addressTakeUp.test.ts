/**
 * No organization can lock an address out of Sealpost: an invitation that is withdrawn leaves an account without a
 * password, and whoever reads that address's mail can still sign up and reset its password.
 */
import { signUpOrganization } from '../../testing/accounts';
import { uniqueEmail } from '../../testing/members';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

/** The mail to `email` that carries a link to `path` (the invitation is in the same mailbox). */
async function mailWith(email: string, path: string) {
  const mail = (await t.mailTo(email)).find((m) => m.text.includes(path));
  if (!mail) throw new Error(`no mail to ${email} links to ${path}`);
  return mail;
}

/** Another organization invites the address and withdraws the invitation. */
async function inviteAndWithdraw(email: string): Promise<void> {
  const squatter = await signUpOrganization(t, { organizationName: 'Squatter Ltd' });
  const invited = await t.api('POST', '/api/v1/invitations', { token: squatter.accessToken, body: { email, name: 'Victim', type: 'guest' } });
  expect(invited.status).toBe(201);
  const withdrawn = await t.api('DELETE', `/api/v1/invitations/${invited.body.id}`, { token: squatter.accessToken });
  expect(withdrawn.status).toBeLessThan(300);
  expect((await t.store.accounts.findByEmail(email))?.passwordHash).toBeNull();
}

test('when an address was invited and the invitation withdrawn, then its owner can still sign up with it', async () => {
  const email = uniqueEmail('victim', 'victim.example');
  await inviteAndWithdraw(email);
  const started = await t.api('POST', '/api/v1/signup', {
    ip: '198.51.100.201',
    body: { organizationName: 'Victim Clinic', name: 'Vic Tim', email, password: 'my own good passphrase' },
  });
  expect(started.status).toBe(202);
  const mail = await mailWith(email, '/signup/confirm');
  const confirmed = await t.api('POST', '/api/v1/signup/confirm', { body: { token: tokenOf(linkIn(mail, '/signup/confirm')) } });
  expect(confirmed.status).toBe(201);
  const me = await t.api('GET', '/api/v1/me', { token: confirmed.body.accessToken });
  expect(me.body.organization.name).toBe('Victim Clinic');
  expect(me.body.membership).toMatchObject({ type: 'pro', status: 'active' });
  const signedIn = await t.api('POST', '/api/v1/auth/login', { ip: '198.51.100.202', body: { email, password: 'my own good passphrase' } });
  expect(signedIn.status).toBe(200);
});

test('when an address was invited and the invitation withdrawn, then a password reset sends a working link', async () => {
  const email = uniqueEmail('victim', 'victim.example');
  await inviteAndWithdraw(email);
  const asked = await t.api('POST', '/api/v1/auth/password-reset', { ip: '198.51.100.203', body: { email } });
  expect(asked.status).toBe(202);
  const mail = await mailWith(email, '/reset-password');
  const reset = await t.api('POST', '/api/v1/auth/password-reset/confirm', {
    body: { token: tokenOf(linkIn(mail, '/reset-password')), password: 'a brand new passphrase' },
  });
  expect(reset.status).toBe(204);
  // With no organization yet, sign-up is the way in: it still sends a link, which makes them the admin of their own.
  await t.api('POST', '/api/v1/signup', {
    ip: '198.51.100.204',
    body: { organizationName: 'Own Org', name: 'Vic Tim', email, password: 'a brand new passphrase' },
  });
  const signUpMail = await mailWith(email, '/signup/confirm');
  expect((await t.api('POST', '/api/v1/signup/confirm', { body: { token: tokenOf(linkIn(signUpMail, '/signup/confirm')) } })).status).toBe(201);
});

test('when an address belongs to an active member, then sign-up sends only a note and the account keeps its password', async () => {
  const owner = await signUpOrganization(t);
  await t.api('POST', '/api/v1/signup', {
    ip: '198.51.100.205',
    body: { organizationName: 'Hijack', name: 'Mallory', email: owner.email, password: 'mallory passphrase' },
  });
  const [mail] = await t.mailTo(owner.email);
  expect(mail!.subject).toMatch(/tried to sign up/i);
  expect(mail!.text).not.toMatch(/signup\/confirm/);
  const signedIn = await t.api('POST', '/api/v1/auth/login', { ip: '198.51.100.206', body: { email: owner.email, password: owner.password } });
  expect(signedIn.status).toBe(200);
});

test('when a reset is asked for an address without an account, then the answer is the same and no link can reset anything', async () => {
  const email = uniqueEmail('nobody', 'victim.example');
  const asked = await t.api('POST', '/api/v1/auth/password-reset', { ip: '198.51.100.207', body: { email } });
  expect(asked.status).toBe(202);
  const [mail] = await t.mailTo(email);
  expect(mail!.text).not.toMatch(/reset-password\?token=/);
  expect(await t.store.accounts.findByEmail(email)).toBeNull();
});

test("when a stranger spends an address's reset allowance, then its owner asking from elsewhere still gets a link", async () => {
  const owner = await signUpOrganization(t);
  for (let i = 0; i < 4; i += 1) await t.api('POST', '/api/v1/auth/password-reset', { ip: '198.51.100.210', body: { email: owner.email } });
  const stranger = await t.api('POST', '/api/v1/auth/password-reset', { ip: '198.51.100.210', body: { email: owner.email } });
  expect(stranger.status).toBe(429);
  const own = await t.api('POST', '/api/v1/auth/password-reset', { ip: '198.51.100.211', body: { email: owner.email } });
  expect(own.status).toBe(202);
  const newest = (await t.mailTo(owner.email)).filter((m) => m.text.includes('/reset-password'));
  expect(newest.length).toBe(4);
});
