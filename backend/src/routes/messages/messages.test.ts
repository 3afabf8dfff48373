/** Messages over HTTP: sending with confirmation and idempotency, reading, guests' limits, recall, expiry, deletion. */
import { castOrganization, inviteAndRegister, invitationToken, uniqueEmail, type Cast } from '../../testing/members';
import { linkIn, startTestServer, type TestServer } from '../../testing/testServer';
import { download, uploadBytes } from '../files/testSupport';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Cedar Family Law');
});
afterAll(async () => {
  await t.stop();
});

const send = (token: string, body: Record<string, unknown>, key?: string) =>
  t.api('POST', '/api/v1/messages', { token, body: { html: '<p>Hello</p>', ...body }, headers: key ? { 'idempotency-key': key } : {} });
const count = async (table: string) => (await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

test('when a pro sends to a member, then the recipient reads it and the sender sees the read receipt', async () => {
  const sent = await send(cast.pro.accessToken, { subject: 'Your documents', html: '<p>Please <b>review</b><script>x()</script></p>', to: [{ email: cast.guest.email }] });
  expect(sent.status).toBe(201);
  const [notice] = await t.mailTo(cast.guest.email);
  expect(notice!.subject).toBe('Pat Pro sent you a secure message');
  expect(notice!.text).not.toContain('Your documents');
  expect(notice!.text).toContain(`/portal/messages/${sent.body.id}`);

  const inbox = await t.api('GET', '/api/v1/messages?box=inbox', { token: cast.guest.accessToken });
  expect(inbox.body.messages[0]).toMatchObject({ id: sent.body.id, subject: 'Your documents', unread: true, from: { name: 'Pat Pro' } });
  const read = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken });
  expect(read.body).toMatchObject({ subject: 'Your documents', html: '<p>Please <b>review</b></p>', role: 'recipient' });
  expect(read.body.recipients[0].receipt).toBeUndefined();

  const asSender = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.pro.accessToken });
  expect(asSender.body.recipients[0].receipt).toMatchObject({ delivered: true, opens: 1 });
  expect(asSender.body.recipients[0].receipt.firstOpenedAt).not.toBeNull();
  const audit = await t.store.audit.list(cast.organizationId, { limit: 5 });
  expect(audit.map((e) => e.action)).toContain('message.opened');
});

test("when the organization set an accent colour, then its message notices carry it and still no content", async () => {
  const branded = await castOrganization(t, 'Branded Notices');
  expect((await t.api('PATCH', '/api/v1/branding', { token: branded.admin.accessToken, body: { accentColor: '#7a1f5c' } })).status).toBe(200);
  expect((await send(branded.pro.accessToken, { subject: 'Private matter', to: [{ email: branded.guest.email }] })).status).toBe(201);
  const [notice] = await t.mailTo(branded.guest.email);
  expect(notice!.html).toContain('background:#7a1f5c');
  expect(notice!.html).not.toContain('Private matter');
});

test('when a new recipient is not confirmed, then it is 409 naming them and nothing is written', async () => {
  const stranger = uniqueEmail('stranger');
  const before = [await count('messages'), await count('invitations'), await count('outbox')];
  const res = await send(cast.pro.accessToken, { subject: 'x', to: [{ email: cast.guest.email }, { email: stranger }] });
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ code: 'unconfirmed_recipients', recipients: [stranger] });
  expect([await count('messages'), await count('invitations'), await count('outbox')]).toEqual(before);
});

test('when a new recipient is confirmed, then they are invited and read the message after registering', async () => {
  const client = uniqueEmail('client');
  const res = await send(cast.pro.accessToken, { subject: 'Welcome', to: [{ email: client, displayName: 'Cleo Client' }], confirmedInvitations: [client] });
  expect(res.status).toBe(201);
  expect(res.body.invited).toEqual([client]);
  // the invitation's link lands them on the message once registered
  const register = new URL(linkIn((await t.mailTo(client))[0]!, '/register'));
  expect(register.searchParams.get('next')).toBe(`/portal/messages/${res.body.id}`);
  const registered = await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, client), password: 'cleo passphrase' } });
  const read = await t.api('GET', `/api/v1/messages/${res.body.id}`, { token: registered.body.accessToken });
  expect(read.body.subject).toBe('Welcome');
});

test('when a message invites a newcomer, then the invitation says who sent a secure message from where, from their name, without content', async () => {
  const branded = await castOrganization(t, 'Northside Clinic');
  expect((await t.api('PATCH', '/api/v1/branding', { token: branded.admin.accessToken, body: { accentColor: '#7a1f5c' } })).status).toBe(200);
  const client = uniqueEmail('waiting');
  const sent = await send(branded.pro.accessToken, { subject: 'Lab results', html: '<p>Your results are normal</p>', to: [{ email: client }], confirmedInvitations: [client] });
  expect(sent.status).toBe(201);
  const [invitation] = await t.mailTo(client);
  expect(invitation!.subject).toBe('Pat Pro sent you a secure message');
  expect(invitation!.from).toContain('Pat Pro at Northside Clinic via Sealpost');
  expect(invitation!.text).toContain('Pat Pro of Northside Clinic sent you a secure message');
  expect(invitation!.html).toContain('background:#7a1f5c');
  for (const body of [invitation!.text, invitation!.html]) {
    expect(body).not.toContain('Lab results');
    expect(body).not.toContain('normal');
  }

  // an invitation without a message still reads as one, from the inviter's name too
  const colleague = uniqueEmail('plain');
  expect((await t.api('POST', '/api/v1/invitations', { token: branded.admin.accessToken, body: { email: colleague, type: 'guest' } })).status).toBe(201);
  const [plain] = await t.mailTo(colleague);
  expect(plain!.subject).toBe('Dana Reyes invited you to Northside Clinic on Sealpost');
  expect(plain!.text).toContain('invited you to exchange messages and files');
  expect(plain!.from).toContain('Dana Reyes at Northside Clinic via Sealpost');
});

test('when the same Idempotency-Key is replayed, then the first message comes back; a different body is 409', async () => {
  const body = { subject: 'Once', to: [{ email: cast.guest.email }] };
  const first = await send(cast.pro.accessToken, body, 'outlook-item-123456');
  const again = await send(cast.pro.accessToken, body, 'outlook-item-123456');
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
  const other = await send(cast.pro.accessToken, { ...body, subject: 'Twice' }, 'outlook-item-123456');
  expect(other.status).toBe(409);
  expect(other.body.code).toBe('idempotency_conflict');
  const both = await Promise.all([1, 2].map(() => send(cast.pro.accessToken, { ...body, subject: 'Race' }, 'outlook-item-race-1')));
  expect(new Set(both.map((r) => r.body.id)).size).toBe(1);
});

test("when a guest writes, then only the organization's pros may be recipients, but replies reach the thread", async () => {
  const outside = await send(cast.guest.accessToken, { subject: 'Hi', to: [{ email: 'someone@else.example' }] });
  expect(outside.status).toBe(403);
  expect(outside.body.code).toBe('guest_compose_limit');
  const toGuest = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  expect((await send(cast.guest.accessToken, { subject: 'Hi', to: [{ email: toGuest.email }] })).body.code).toBe('guest_compose_limit');
  expect((await send(cast.guest.accessToken, { subject: 'Question', to: [{ email: cast.pro.email }] })).status).toBe(201);

  // A pro writes to two guests; one replies to all, which includes the other guest.
  const original = await send(cast.pro.accessToken, { subject: 'Both of you', to: [{ email: cast.guest.email }, { email: toGuest.email }] });
  const reply = await send(cast.guest.accessToken, { subject: 'Re: Both of you', inReplyTo: original.body.id, to: [{ email: cast.pro.email }, { email: toGuest.email }] });
  expect(reply.status).toBe(201);
  expect(reply.body.threadId).toBe(original.body.id);
  const thread = await t.api('GET', `/api/v1/threads/${original.body.id}`, { token: cast.pro.accessToken });
  expect(thread.body.messages.map((m: { subject: string }) => m.subject)).toEqual(['Both of you', 'Re: Both of you']);
});

test('when a message is recalled, then recipients see who recalled it and when, and cannot open it', async () => {
  const sent = await send(cast.pro.accessToken, { subject: 'Wrong file', to: [{ email: cast.guest.email }] });
  expect((await t.api('POST', `/api/v1/messages/${sent.body.id}/recall`, { token: cast.pro.accessToken, body: { reason: 'Sent in error' } })).status).toBe(204);
  const read = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken });
  expect(read.status).toBe(410);
  expect(read.body.code).toBe('message_recalled');
  expect(read.body.detail).toMatch(/^Recalled by Pat Pro on \d{4}-\d\d-\d\d\. Reason: Sent in error$/);
  // the portal still shows the conversation the recalled message belonged to
  expect(read.body).toMatchObject({ threadId: sent.body.threadId, recalledBy: 'Pat Pro', reason: 'Sent in error', forwarded: false });
  const inbox = await t.api('GET', '/api/v1/messages', { token: cast.guest.accessToken });
  const entry = inbox.body.messages.find((m: { id: string }) => m.id === sent.body.id);
  expect(entry).toMatchObject({ subject: null, unavailable: { reason: 'recalled', by: 'Pat Pro', note: 'Sent in error' } });
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.pro.accessToken })).body.subject).toBe('Wrong file');
  expect((await t.api('POST', `/api/v1/messages/${sent.body.id}/recall`, { token: cast.guest.accessToken, body: {} })).status).toBe(403);
});

test('when a message expires, then recipients can no longer open it; the sender can extend it', async () => {
  const sent = await send(cast.pro.accessToken, { subject: 'Short-lived', to: [{ email: cast.guest.email }], expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken })).status).toBe(200);
  await t.store.db.query("UPDATE messages SET expires_at = now() - interval '1 second' WHERE id = $1", [sent.body.id]);
  const expired = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken });
  expect(expired.body).toMatchObject({ code: 'message_expired', threadId: sent.body.threadId });
  expect((await t.api('PATCH', `/api/v1/messages/${sent.body.id}`, { token: cast.pro.accessToken, body: { expiresAt: null } })).status).toBe(204);
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken })).status).toBe(200);
});

test("when one side deletes a message from view, then only their view loses it", async () => {
  const sent = await send(cast.pro.accessToken, { subject: 'Keep mine', to: [{ email: cast.guest.email }] });
  expect((await t.api('DELETE', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken })).status).toBe(204);
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken })).status).toBe(404);
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.pro.accessToken })).status).toBe(200);
  const sentBox = await t.api('GET', '/api/v1/messages?box=sent', { token: cast.pro.accessToken });
  expect(sentBox.body.messages.some((m: { id: string }) => m.id === sent.body.id)).toBe(true);
});

test('when someone outside the conversation asks for a message, then it is 404 and the attempt is audited', async () => {
  const sent = await send(cast.pro.accessToken, { subject: 'Private', to: [{ email: cast.guest.email }] });
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.userManager.accessToken })).status).toBe(404);
  const audit = await t.store.audit.list(cast.organizationId, { limit: 3 });
  expect(audit[0]).toMatchObject({ action: 'message.access_refused', targetId: sent.body.id });
});

test('when messages are listed, then each entry names its recipients as far as the reader may know them', async () => {
  const other = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Oli Other' });
  const sent = await send(cast.pro.accessToken, {
    subject: 'Who got this',
    to: [{ email: cast.guest.email }],
    cc: [{ email: cast.userManager.email }],
    bcc: [{ email: other.email }],
  });
  const entry = async (token: string, box: string) =>
    (await t.api('GET', `/api/v1/messages?box=${box}`, { token })).body.messages.find((m: { id: string }) => m.id === sent.body.id);
  const people = (e: { recipients: { email: string; kind: string }[] }) => e.recipients.map((r) => `${r.kind}:${r.email}`).sort();
  expect(people(await entry(cast.pro.accessToken, 'sent'))).toEqual([`bcc:${other.email}`, `cc:${cast.userManager.email}`, `to:${cast.guest.email}`]);
  expect(people(await entry(cast.guest.accessToken, 'inbox'))).toEqual([`cc:${cast.userManager.email}`, `to:${cast.guest.email}`]);
  expect(people(await entry(other.accessToken, 'inbox'))).toEqual([`bcc:${other.email}`, `cc:${cast.userManager.email}`, `to:${cast.guest.email}`]);
  expect((await entry(cast.pro.accessToken, 'sent')).recipients[0]).toEqual({ name: 'Gil Guest', email: cast.guest.email, kind: 'to' });
});

test('when inbox is searched, then sender names and sealed subjects match', async () => {
  await send(cast.pro.accessToken, { subject: 'Quarterly tax return', to: [{ email: cast.guest.email }] });
  const bySubject = await t.api('GET', '/api/v1/messages?q=tax%20RETURN', { token: cast.guest.accessToken });
  expect(bySubject.body.messages.map((m: { subject: string }) => m.subject)).toEqual(['Quarterly tax return']);
  const bySender = await t.api('GET', '/api/v1/messages?q=pat%20pro&limit=100', { token: cast.guest.accessToken });
  expect(bySender.body.messages.length).toBeGreaterThan(1);
});

test('when the database is read directly, then no subject or body is there in the clear', async () => {
  await send(cast.pro.accessToken, { subject: 'Diagnosis ZX-4471', html: '<p>Biopsy result QW-9982</p>', to: [{ email: cast.guest.email }] });
  const dump = JSON.stringify(await t.store.db.query('SELECT * FROM messages')) + JSON.stringify(await t.store.db.query('SELECT * FROM outbox'));
  expect(dump).not.toContain('ZX-4471');
  expect(dump).not.toContain('QW-9982');
});

describe('attachments', () => {
  test('when a message carries a file, then recipients download it until the message is recalled', async () => {
    const data = Buffer.from('Lab results: all values within range.\n'.repeat(5000));
    const fileId = await uploadBytes(t, cast.pro.accessToken, data, { name: 'results-ZX.pdf', contentType: 'application/pdf' });
    const sent = await send(cast.pro.accessToken, { subject: 'Results', to: [{ email: cast.guest.email }], attachmentIds: [fileId] });
    expect(sent.status).toBe(201);

    const read = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken });
    expect(read.body.files).toEqual([{ id: fileId, name: 'results-ZX.pdf', size: data.length, contentType: 'application/pdf' }]);
    const got = await download(t, cast.guest.accessToken, fileId);
    expect(got.status).toBe(200);
    expect(got.body.equals(data)).toBe(true);
    expect((await download(t, cast.userManager.accessToken, fileId)).status).toBe(404);

    await t.api('POST', `/api/v1/messages/${sent.body.id}/recall`, { token: cast.pro.accessToken, body: {} });
    expect((await download(t, cast.guest.accessToken, fileId)).status).toBe(410);
    const names = JSON.stringify(await t.store.db.query('SELECT * FROM files'));
    expect(names).not.toContain('results-ZX');
  });

  test("when a sender attaches a file that is not theirs or already attached, then the send fails and nothing is stored", async () => {
    const theirs = await uploadBytes(t, cast.userManager.accessToken, Buffer.from('not yours'));
    const before = await count('messages');
    const res = await send(cast.pro.accessToken, { subject: 'x', to: [{ email: cast.guest.email }], attachmentIds: [theirs] });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('file_not_found');
    expect(await count('messages')).toBe(before);
  });
});
