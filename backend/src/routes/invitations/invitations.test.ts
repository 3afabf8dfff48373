/** Invitations end to end over HTTP: the email, the single-use link, resend, withdraw, corrections, seats and policy. */
import { signUpOrganization } from '../../testing/accounts';
import { castOrganization, invitationToken, uniqueEmail, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Lakeside Counsel');
});
afterAll(async () => {
  await t.stop();
});

const invite = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/v1/invitations', { token, body });
const register = (token: string, password = 'a sturdy passphrase', extra: Record<string, unknown> = {}) =>
  t.api('POST', '/api/v1/registration', { body: { token, name: 'Rae Client', password, ...extra } });

test('when a pro invites someone, then the email names the inviter and organization and the link registers them once', async () => {
  const email = uniqueEmail('rae');
  const res = await invite(cast.pro.accessToken, { email, name: 'Rae Client' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ email, type: 'guest', status: 'invited', sendCount: 1, invitedBy: { name: 'Pat Pro' } });
  const [mail] = await t.mailTo(email);
  expect(mail!.subject).toBe('Pat Pro invited you to Lakeside Counsel on Sealpost');
  const token = await invitationToken(t, email);

  const lookup = await t.api('POST', '/api/v1/registration/lookup', { body: { token } });
  expect(lookup.body).toMatchObject({ organizationName: 'Lakeside Counsel', inviterName: 'Pat Pro', email, hasAccount: false });
  const done = await register(token);
  expect(done.status).toBe(200);
  const me = await t.api('GET', '/api/v1/me', { token: done.body.accessToken });
  expect(me.body).toMatchObject({ organization: { name: 'Lakeside Counsel' }, membership: { type: 'guest', status: 'active' } });

  const again = await register(token);
  expect(again.status).toBe(410);
  expect(again.body.code).toBe('invitation_invalid');
  const list = await t.api('GET', '/api/v1/invitations', { token: cast.admin.accessToken });
  expect(list.body.invitations.find((i: { email: string }) => i.email === email).status).toBe('registered');
});

test('when an invitation has expired, then the link is refused with the same sentence as a used one', async () => {
  const email = uniqueEmail('late');
  await invite(cast.pro.accessToken, { email });
  const token = await invitationToken(t, email);
  await t.store.db.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = $1", [email]);
  const res = await t.api('POST', '/api/v1/registration/lookup', { body: { token } });
  expect(res.status).toBe(410);
  expect(res.body.detail).toBe('This invitation link has expired, was already used or was withdrawn. Ask the person who invited you to send it again.');
  // A made-up token gets the very same answer: nothing tells whether an invitation exists.
  const bogus = await t.api('POST', '/api/v1/registration/lookup', { body: { token: 'A'.repeat(43) } });
  expect(bogus.body).toMatchObject({ code: res.body.code, detail: res.body.detail });
});

test('when an invitation is resent, then the old link dies, the new one works, and the count goes up', async () => {
  const email = uniqueEmail('twice');
  const { body: invitation } = await invite(cast.pro.accessToken, { email });
  const oldToken = await invitationToken(t, email);
  expect((await t.api('POST', `/api/v1/invitations/${invitation.id}/resend`, { token: cast.pro.accessToken })).status).toBe(204);
  const newToken = await invitationToken(t, email);
  expect(newToken).not.toBe(oldToken);
  expect((await register(oldToken)).status).toBe(410);
  const list = await t.api('GET', '/api/v1/invitations', { token: cast.pro.accessToken });
  expect(list.body.invitations.find((i: { id: string }) => i.id === invitation.id).sendCount).toBe(2);
  expect((await register(newToken)).status).toBe(200);
});

test('when an invitation is withdrawn, then its link is refused and the person is no longer invited', async () => {
  const email = uniqueEmail('gone');
  const { body: invitation } = await invite(cast.pro.accessToken, { email });
  const token = await invitationToken(t, email);
  expect((await t.api('DELETE', `/api/v1/invitations/${invitation.id}`, { token: cast.userManager.accessToken })).status).toBe(204);
  expect((await register(token)).status).toBe(410);
  const classified = await t.api('POST', '/api/v1/recipients/classify', { token: cast.pro.accessToken, body: { recipients: [{ email }] } });
  expect(classified.body.recipients[0].outcome).toBe('new_guest');
});

test('when a user manager corrects the email, then the new address gets a new link and the old link dies', async () => {
  const wrong = uniqueEmail('typo');
  const right = uniqueEmail('fixed');
  const { body: invitation } = await invite(cast.pro.accessToken, { email: wrong, name: 'Sam' });
  const oldToken = await invitationToken(t, wrong);
  const edited = await t.api('PATCH', `/api/v1/invitations/${invitation.id}`, {
    token: cast.userManager.accessToken,
    body: { email: right, phone: '+1 555 0100' },
  });
  expect(edited.status).toBe(204);
  expect((await register(oldToken)).status).toBe(410);
  const lookup = await t.api('POST', '/api/v1/registration/lookup', { body: { token: await invitationToken(t, right) } });
  expect(lookup.body).toMatchObject({ email: right, phone: '+1 555 0100', name: 'Sam' });
  // A plain pro (even the inviter) may not edit details.
  const byPro = await t.api('PATCH', `/api/v1/invitations/${invitation.id}`, { token: cast.pro.accessToken, body: { phone: '+1 555 0199' } });
  expect(byPro.status).toBe(403);
});

test('when a guest tries to invite, then it is 403 guest_cannot_invite and nothing is created', async () => {
  const email = uniqueEmail('nope');
  const res = await invite(cast.guest.accessToken, { email });
  expect(res.status).toBe(403);
  expect(res.body.code).toBe('guest_cannot_invite');
  expect(await t.store.accounts.findByEmail(email)).toBeNull();
  expect(await t.mailTo(email)).toHaveLength(0);
});

test('when someone who already has an account is invited, then they confirm with their existing password', async () => {
  const elsewhere = await signUpOrganization(t, { organizationName: 'Other Firm' });
  await invite(cast.pro.accessToken, { email: elsewhere.email });
  const token = await invitationToken(t, elsewhere.email);
  expect((await t.api('POST', '/api/v1/registration/lookup', { body: { token } })).body.hasAccount).toBe(true);
  expect((await register(token, 'not their password')).body.code).toBe('invalid_credentials');
  const ok = await register(token, elsewhere.password);
  expect(ok.status).toBe(200);
  const me = await t.api('GET', '/api/v1/me', { token: ok.body.accessToken });
  expect(me.body.memberships.map((m: { organizationName: string }) => m.organizationName).sort()).toEqual(['Lakeside Counsel', 'Other Firm']);
  expect((await t.api('POST', '/api/v1/auth/login', { body: { email: elsewhere.email, password: elsewhere.password } })).status).toBe(200);
});

test('when an existing member or a pending invitee is invited, then each gets its own 409; a removed member is invited afresh', async () => {
  expect((await invite(cast.pro.accessToken, { email: cast.guest.email })).body.code).toBe('already_member');
  const pending = uniqueEmail('pending');
  await invite(cast.pro.accessToken, { email: pending });
  expect((await invite(cast.pro.accessToken, { email: pending.toUpperCase() })).body.code).toBe('already_invited');
  const { body: removed } = await invite(cast.admin.accessToken, { email: uniqueEmail('removed') });
  const member = await t.store.accounts.findByEmail(removed.email);
  await t.api('DELETE', `/api/v1/members/${member!.id}`, { token: cast.admin.accessToken });
  expect((await invite(cast.pro.accessToken, { email: removed.email })).status).toBe(201);
  expect((await invite(cast.pro.accessToken, { email: removed.email })).body.code).toBe('already_invited');
});

describe('seats and domain provisioning', () => {
  test('when no seat is free, then inviting a pro is 409 no_seats_available, and buying a seat fixes it', async () => {
    const owner = await signUpOrganization(t, { organizationName: 'Solo Practice' });
    const seats = await t.api('GET', '/api/v1/seats', { token: owner.accessToken });
    expect(seats.body).toMatchObject({ purchased: 1, used: 1, free: 0 });
    const refused = await invite(owner.accessToken, { email: uniqueEmail('partner'), type: 'pro' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('no_seats_available');
    const bought = await buySeats(t, owner.accessToken, 1);
    expect(bought.body).toMatchObject({ purchased: 2, used: 1, free: 1, unitPriceCents: 1000 });
    expect((await invite(owner.accessToken, { email: uniqueEmail('partner'), type: 'pro' })).status).toBe(201);
  });

  test('when the domain is verified and provisioning is "as pro", then a colleague becomes a pro while a seat is free, else a guest and admins are told', async () => {
    const owner = await signUpOrganization(t, { organizationName: 'Domain Dental' });
    await t.store.db.query(
      `INSERT INTO org_domains (id, organization_id, domain, verification_token, verified_at) VALUES (gen_random_uuid(), $1, 'domaindental.example', 'x', now())`,
      [owner.organizationId],
    );
    await t.api('PATCH', '/api/v1/organization/settings', { token: owner.accessToken, body: { autoProvision: 'pro' } });
    await buySeats(t, owner.accessToken, 1);

    const first = await invite(owner.accessToken, { email: uniqueEmail('hygienist', 'domaindental.example'), type: 'auto' });
    expect(first.body.type).toBe('pro');
    const secondEmail = uniqueEmail('assistant', 'domaindental.example');
    const second = await invite(owner.accessToken, { email: secondEmail, type: 'auto' });
    expect(second.body.type).toBe('guest');
    const [notice] = await t.mailTo(owner.email);
    expect(notice!.subject).toMatch(/no seat was free/);
    expect(notice!.text).toContain(secondEmail);
    // Outside the domain, auto means guest.
    expect((await invite(owner.accessToken, { email: uniqueEmail('patient'), type: 'auto' })).body.type).toBe('guest');
  });
});

test("when the organization set an accent colour, then its invitation emails carry it", async () => {
  const owner = await signUpOrganization(t, { organizationName: 'Branded Practice' });
  expect((await t.api('PATCH', '/api/v1/branding', { token: owner.accessToken, body: { accentColor: '#7a1f5c' } })).status).toBe(200);
  const email = uniqueEmail('branded');
  await invite(owner.accessToken, { email });
  const [mail] = await t.mailTo(email);
  expect(mail!.html).toContain('#7a1f5c');
});
