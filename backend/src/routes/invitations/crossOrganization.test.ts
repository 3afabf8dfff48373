/**
 * Another organization learns nothing about an account beyond what its own memberships show: an address the platform
 * blocked, or one that is a member, removed or blocked elsewhere, looks like any new address when invited or classified.
 */
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { castOrganization, invitationToken, inviteAndRegister, uniqueEmail, type Cast } from '../../testing/members';
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

const classify = (email: string) =>
  t.api('POST', '/api/v1/recipients/classify', { token: stranger.accessToken, body: { recipients: [{ email }] } });
const invite = (email: string) => t.api('POST', '/api/v1/invitations', { token: stranger.accessToken, body: { email } });
/** What the stranger's own views say of the address after inviting it. */
async function seenByStranger(email: string) {
  const invitations = (await t.api('GET', '/api/v1/invitations', { token: stranger.accessToken })).body.invitations;
  const members = (await t.api('GET', `/api/v1/members?q=${encodeURIComponent(email)}`, { token: stranger.accessToken })).body.members;
  return {
    invitation: invitations.find((i: { email: string }) => i.email === email)?.status,
    member: members.map((m: { state: string }) => m.state),
  };
}

async function platformBlocked(kind: 'member' | 'invited'): Promise<string> {
  if (kind === 'member') {
    const member = await inviteAndRegister(t, home.admin, { type: 'guest' });
    await t.store.accounts.setBlocked(member.accountId, true);
    return member.email;
  }
  const email = uniqueEmail('blocked-invitee');
  expect((await t.api('POST', '/api/v1/invitations', { token: home.admin.accessToken, body: { email } })).status).toBe(201);
  await t.store.accounts.setBlocked((await t.store.accounts.findByEmail(email))!.id, true);
  return email;
}

test.each(['member', 'invited'] as const)(
  'when an address the platform blocked (a %s elsewhere) is classified and invited by an unrelated organization, then it looks new',
  async (kind) => {
    const email = await platformBlocked(kind);
    const fresh = uniqueEmail('fresh');
    expect((await classify(email)).body.recipients[0].outcome).toBe('new_guest');
    expect((await classify(fresh)).body.recipients[0].outcome).toBe('new_guest');

    const blockedInvite = await invite(email);
    const freshInvite = await invite(fresh);
    expect([blockedInvite.status, blockedInvite.body.status, blockedInvite.body.sendCount]).toEqual([201, 'invited', 1]);
    expect([freshInvite.status, freshInvite.body.status, freshInvite.body.sendCount]).toEqual([201, 'invited', 1]);
    expect(await seenByStranger(email)).toEqual({ invitation: 'invited', member: ['invited'] });
    expect(await seenByStranger(fresh)).toEqual({ invitation: 'invited', member: ['invited'] });
    expect((await classify(email)).body.recipients[0].outcome).toBe('invited');
    expect((await t.api('POST', `/api/v1/invitations/${blockedInvite.body.id}/resend`, { token: stranger.accessToken })).status).toBe(204);

    // the blocked account gets nothing from the unrelated organization
    const mail = await t.mailTo(email);
    expect(mail.filter((m) => m.subject.includes('Unrelated Practice'))).toHaveLength(0);
    expect((await t.mailTo(fresh)).filter((m) => m.subject.includes('Unrelated Practice'))).toHaveLength(1);
  },
);

test('when the home organization looks at its own member the platform blocked, then it sees the block', async () => {
  const email = await platformBlocked('member');
  const res = await t.api('POST', '/api/v1/recipients/classify', { token: home.pro.accessToken, body: { recipients: [{ email }] } });
  expect(res.body.recipients[0].outcome).toBe('blocked');
  const again = await t.api('POST', '/api/v1/invitations', { token: home.admin.accessToken, body: { email } });
  expect([again.status, again.body.code]).toEqual([409, 'already_member']);
});

test("when an unrelated organization invites someone registered elsewhere, then its member list shows nothing of the account's name, phone, 2-step or registration", async () => {
  const elsewhere = await inviteAndRegister(t, home.admin, { type: 'guest', name: 'Jane Confidential' });
  await t.store.accounts.updateProfile(elsewhere.accountId, { phone: '+1 555 0100' });
  const fresh = uniqueEmail('fresh');
  for (const email of [elsewhere.email, fresh]) {
    expect((await t.api('POST', '/api/v1/invitations', { token: stranger.accessToken, body: { email, name: 'Whoever' } })).status).toBe(201);
  }
  const members = async (q: string) =>
    (await t.api('GET', `/api/v1/members?q=${encodeURIComponent(q)}`, { token: stranger.accessToken })).body.members;
  const row = async (email: string) => {
    const [member] = await members(email);
    const detail = (await t.api('GET', `/api/v1/members/${member.accountId}`, { token: stranger.accessToken })).body.member;
    const { accountId: _a, email: _e, invitationId: _i, joinedAt: _j, ...rest } = member;
    return { rest, detailName: detail.name, detailState: detail.state };
  };
  const [seen, baseline] = [await row(elsewhere.email), await row(fresh)];
  // the invitation's name, like a fresh address's: the list is sorted and searched by it, not by the account's name
  expect(seen).toEqual(baseline);
  expect(seen.rest.name).toBe('Whoever');
  expect(seen.detailName).toBe('Whoever');
  expect(await members('Jane')).toEqual([]);
  expect(await members('Confidential')).toEqual([]);
  // once the person joins, the organization knows them by their own name
  expect((await t.api('POST', '/api/v1/registration', {
    body: { token: await invitationToken(t, elsewhere.email), password: elsewhere.password },
  })).status).toBe(200);
  expect((await members('Jane')).map((m: { email: string; name: string }) => [m.email, m.name])).toEqual([[elsewhere.email, 'Jane Confidential']]);
});

test('when an organization sends a message to an address the platform blocked, then the blocked account gets no notice and the send looks ordinary', async () => {
  const email = await platformBlocked('invited');
  const fresh = uniqueEmail('fresh');
  for (const address of [email, fresh]) expect((await invite(address)).status).toBe(201);
  const sent = await t.api('POST', '/api/v1/messages', {
    token: stranger.accessToken,
    body: { subject: 'Engagement letter', html: '<p>Please read.</p>', to: [{ email }, { email: fresh }] },
  });
  expect(sent.status).toBe(201);
  const notices = async (address: string) => (await t.mailTo(address)).filter((m) => m.subject.includes('sent you a secure message'));
  expect(await notices(fresh)).toHaveLength(1);
  expect(await notices(email)).toHaveLength(0);
});

test("when an unrelated organization writes to someone registered elsewhere it only invited, then its message, client list and audit name them as its invitation does", async () => {
  const elsewhere = await inviteAndRegister(t, home.admin, { type: 'guest', name: 'Nora Private' });
  const invited = await t.api('POST', '/api/v1/invitations', { token: stranger.accessToken, body: { email: elsewhere.email, name: 'Whoever' } });
  expect(invited.status).toBe(201);
  const sent = await t.api('POST', '/api/v1/messages', {
    token: stranger.accessToken,
    body: { subject: 'Engagement letter', html: '<p>Please read.</p>', to: [{ email: elsewhere.email }] },
  });
  expect(sent.status).toBe(201);

  const message = (await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: stranger.accessToken })).body;
  expect(message.recipients.map((r: { name: string }) => r.name)).toEqual(['Whoever']);
  const sentBox = (await t.api('GET', '/api/v1/messages?box=sent', { token: stranger.accessToken })).body;
  expect(JSON.stringify(sentBox)).not.toContain('Private');
  const clients = async (q: string) => (await t.api('GET', `/api/v1/clients?q=${q}`, { token: stranger.accessToken })).body.clients;
  expect((await clients('whoever')).map((c: { email: string; name: string }) => [c.email, c.name])).toEqual([[elsewhere.email, 'Whoever']]);
  expect(await clients('nora')).toEqual([]);
  const audit = (await t.api('GET', `/api/v1/audit?target=${elsewhere.accountId}`, { token: stranger.accessToken })).body.events;
  expect(audit.map((e: { action: string; target: { label: string } }) => [e.action, e.target.label])).toEqual([
    ['member.invited', `Whoever <${elsewhere.email}>`],
  ]);
  expect((await t.api('GET', '/api/v1/audit?target=nora', { token: stranger.accessToken })).body.events).toEqual([]);
});
