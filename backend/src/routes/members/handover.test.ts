/**
 * Removing a pro over HTTP: their conversations pass to the pro chosen (or the person removing), a client's reply in
 * an old thread reaches that pro (portal and email) and never the removed address, refused hand-overs change nothing,
 * and a removed person can be invited again as a new membership without getting their old messages back.
 */
import { castOrganization, inviteAndRegister, invitationToken, sendAs, type Cast, type Member } from '../../testing/members';
import { signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Riverside Clinic');
  await buySeats(t, cast.admin.accessToken, 20);
});
afterAll(async () => {
  await t.stop();
});

const remove = (token: string, accountId: string, handOverTo?: string) =>
  t.api('DELETE', `/api/v1/members/${accountId}${handOverTo ? `?handOverTo=${handOverTo}` : ''}`, { token });
const statusOf = async (accountId: string) => (await t.api('GET', `/api/v1/members/${accountId}`, { token: cast.admin.accessToken })).body.member.state;
const inboxIds = async (member: { accessToken: string }) =>
  (await t.api('GET', '/api/v1/messages', { token: member.accessToken })).body.messages.map((m: { id: string }) => m.id) as string[];

/** A pro who wrote to a client, and the message the client will answer. */
async function proWithClient(subject: string): Promise<{ pro: Member; client: Member; first: { id: string; threadId: string } }> {
  const pro = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Leaving Pro' });
  const client = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Clara Client' });
  const first = await sendAs(t, pro.accessToken, { subject, to: [{ email: client.email }] });
  await t.mailTo(client.email); // delivered now, so a later invitation is the newest mail
  return { pro, client, first };
}

test('when a pro is removed with a hand-over, then the client replies in the same thread, the new owner reads it and is emailed, the removed address gets nothing', async () => {
  const { pro, client, first } = await proWithClient('Your lab results');
  const owner = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Nora Newowner' });
  expect((await remove(cast.admin.accessToken, pro.accountId, owner.accountId)).status).toBe(204);
  const mailsToRemoved = (await t.mailTo(pro.email)).length;

  const reply = await sendAs(t, client.accessToken, { subject: 'Re: Your lab results', html: '<p>Thank you, one question</p>', inReplyTo: first.id, to: [{ email: pro.email }] });
  expect(reply.threadId).toBe(first.threadId);
  // the new owner has it in the inbox and can open it
  expect(await inboxIds(owner)).toContain(reply.id);
  const opened = await t.api('GET', `/api/v1/messages/${reply.id}`, { token: owner.accessToken });
  expect(opened.status).toBe(200);
  expect(opened.body.subject).toBe('Re: Your lab results');
  // the client sees the reply in the same conversation as before
  const thread = await t.api('GET', `/api/v1/threads/${first.threadId}`, { token: client.accessToken });
  expect(thread.body.messages.map((m: { id: string }) => m.id)).toEqual([first.id, reply.id]);
  // the notice goes to the new owner, and nothing more to the removed address
  const [notice] = await t.mailTo(owner.email);
  expect(notice!.text).toContain(`/portal/messages/${reply.id}`);
  expect((await t.mailTo(pro.email)).length).toBe(mailsToRemoved);
  // audited with who took over
  const audit = await t.api('GET', `/api/v1/audit?action=member.removed&target=${pro.accountId}`, { token: cast.admin.accessToken });
  expect(audit.body.events[0].data).toMatchObject({ conversationsHandedTo: owner.accountId });
});

test('when no one is named, then the person removing takes over; a second hand-over passes the first one on', async () => {
  const { pro, client, first } = await proWithClient('Appointment');
  const manager = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Maya Manager' });
  await t.api('PATCH', `/api/v1/members/${manager.accountId}`, { token: cast.admin.accessToken, body: { roles: { userManager: true } } });
  expect((await remove(manager.accessToken, pro.accountId)).status).toBe(204);
  const toManager = await sendAs(t, client.accessToken, { subject: 'Re: Appointment', inReplyTo: first.id, to: [{ email: pro.email }] });
  expect(await inboxIds(manager)).toContain(toManager.id);

  // the manager leaves in turn, handing over to the admin: the first pro's old threads follow
  expect((await remove(cast.admin.accessToken, manager.accountId)).status).toBe(204);
  const toAdmin = await sendAs(t, client.accessToken, { subject: 'Re: Appointment', inReplyTo: first.id, to: [{ email: pro.email }] });
  expect(await inboxIds(cast.admin)).toContain(toAdmin.id);
});

test('when the hand-over names a guest, a removed member, another organization\'s pro or the person removed, then it is 409 invalid_hand_over and nothing changes', async () => {
  const { pro, client, first } = await proWithClient('Refusals');
  const removedPro = await inviteAndRegister(t, cast.admin, { type: 'pro' });
  expect((await remove(cast.admin.accessToken, removedPro.accountId)).status).toBe(204);
  const elsewhere = await signUpOrganization(t, { organizationName: 'Other Clinic' });
  const elsewhereId = (await t.api('GET', '/api/v1/me', { token: elsewhere.accessToken })).body.account.id as string;

  const cases: [string, string, RegExp][] = [
    ['a guest', client.accountId, /^Guests cannot take over conversations\./],
    ['a removed member', removedPro.accountId, /^That person is not an active member\./],
    ["another organization's pro", elsewhereId, /^That person is not a member of this organization\./],
    ['the person removed', pro.accountId, /^The person being removed cannot take over their own conversations\./],
  ];
  for (const [, successor, sentence] of cases) {
    const res = await remove(cast.admin.accessToken, pro.accountId, successor);
    expect([res.status, res.body.code]).toEqual([409, 'invalid_hand_over']);
    expect(res.body.detail).toMatch(sentence);
  }
  // the same refusal inside a bulk removal, reported for that member only
  const bulk = await t.api('POST', '/api/v1/members/bulk', { token: cast.admin.accessToken, body: { action: 'remove', accountIds: [pro.accountId], handOverTo: client.accountId } });
  expect(bulk.body.results[0]).toMatchObject({ ok: false, code: 'invalid_hand_over' });

  // nothing changed: still an active member whose session works, and replies still reach them
  expect(await statusOf(pro.accountId)).toBe('registered');
  expect((await t.api('GET', '/api/v1/me', { token: pro.accessToken })).status).toBe(200);
  const reply = await sendAs(t, client.accessToken, { subject: 'Re: Refusals', inReplyTo: first.id, to: [{ email: pro.email }] });
  expect(await inboxIds(pro)).toContain(reply.id);
  const audit = await t.api('GET', `/api/v1/audit?action=member.removed&target=${pro.accountId}`, { token: cast.admin.accessToken });
  expect(audit.body.events).toEqual([]);
});

test('when a removed member uses their session or its refresh token, then the answer is 403 access_revoked naming the organization', async () => {
  const pro = await inviteAndRegister(t, cast.admin, { type: 'pro' });
  expect((await remove(cast.admin.accessToken, pro.accountId)).status).toBe(204);
  const me = await t.api('GET', '/api/v1/me', { token: pro.accessToken });
  expect([me.status, me.body.code, me.body.detail]).toEqual([403, 'access_revoked', 'Your access to Riverside Clinic has been revoked.']);
  const refreshed = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: pro.refreshToken } });
  expect([refreshed.status, refreshed.body.code]).toEqual([403, 'access_revoked']);
});

test('when a manager signs a member out everywhere, then the ended session says so (session_revoked, reason signed_out_by_manager)', async () => {
  const guest = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  await t.api('POST', `/api/v1/members/${guest.accountId}/sign-out`, { token: cast.admin.accessToken });
  const me = await t.api('GET', '/api/v1/me', { token: guest.accessToken });
  expect([me.status, me.body.code, me.body.reason]).toEqual([401, 'session_revoked', 'signed_out_by_manager']);
  expect(me.body.detail).toBe('Riverside Clinic signed you out on all your devices. Sign in again to continue.');
});

test('when a removed client is invited again, then it is a new membership: they register, start with an empty inbox, and the old message stays unreadable', async () => {
  const { pro, client, first } = await proWithClient('Before you left');
  await sendAs(t, client.accessToken, { subject: 'Re: Before you left', inReplyTo: first.id, to: [{ email: pro.email }] });
  expect((await remove(cast.admin.accessToken, client.accountId)).status).toBe(204);

  const invited = await t.api('POST', '/api/v1/invitations', { token: pro.accessToken, body: { email: client.email, type: 'guest' } });
  expect(invited.status).toBe(201);
  expect(await statusOf(client.accountId)).toBe('invited');
  const registered = await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, client.email), password: client.password } });
  expect(registered.status).toBe(200);
  const back = { accessToken: registered.body.accessToken as string };
  expect(await inboxIds(back)).toEqual([]);
  expect((await t.api('GET', `/api/v1/messages/${first.id}`, { token: back.accessToken })).status).toBe(404);
  const sent = (await t.api('GET', '/api/v1/messages?box=sent', { token: back.accessToken })).body.messages;
  expect(sent).toEqual([]);
  // the pro still has the whole old conversation, and new messages reach the returning client
  expect((await t.api('GET', `/api/v1/threads/${first.threadId}`, { token: pro.accessToken })).body.messages).toHaveLength(2);
  const welcome = await sendAs(t, pro.accessToken, { subject: 'Welcome back', to: [{ email: client.email }] });
  expect(await inboxIds(back)).toEqual([welcome.id]);
  const audit = await t.api('GET', `/api/v1/audit?action=member.invited&target=${client.accountId}`, { token: cast.admin.accessToken });
  expect(audit.body.events[0].data).toMatchObject({ returning: true });
});

test('when a removed pro comes back, then replies in their old threads keep going to the pro who took over; new threads reach them', async () => {
  const { pro, client, first } = await proWithClient('Old thread');
  const owner = await inviteAndRegister(t, cast.admin, { type: 'pro' });
  await remove(cast.admin.accessToken, pro.accountId, owner.accountId);
  await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: pro.email, type: 'pro' } });
  const registered = await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, pro.email), password: pro.password } });
  const back = { accessToken: registered.body.accessToken as string };
  expect((await t.api('GET', '/api/v1/me', { token: back.accessToken })).body.membership.type).toBe('pro');

  const oldReply = await sendAs(t, client.accessToken, { subject: 'Re: Old thread', inReplyTo: first.id, to: [{ email: pro.email }] });
  expect(await inboxIds(owner)).toContain(oldReply.id);
  expect(await inboxIds(back)).not.toContain(oldReply.id);
  const fresh = await sendAs(t, back.accessToken, { subject: 'New thread', to: [{ email: client.email }] });
  const freshReply = await sendAs(t, client.accessToken, { subject: 'Re: New thread', inReplyTo: fresh.id, to: [{ email: pro.email }] });
  expect(await inboxIds(back)).toContain(freshReply.id);
});
