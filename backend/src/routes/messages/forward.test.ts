/**
 * Forwarding over HTTP: a pro forwards a message they can read, with its files and a note, to colleagues; the files
 * are the same records (not copies); guests cannot forward; only the organization's pros can receive a forward;
 * recalling or expiring the original stops the forward and every path to its files, while a recall of the forward
 * stops only the forward.
 */
import { castOrganization, inviteAndRegister, type Cast, type Member, sendAs } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { download, uploadBytes } from '../files/testSupport';

let t: TestServer;
let cast: Cast;
let colleague: Member;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Cedar Family Law');
  colleague = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Cam Colleague' });
});
afterAll(async () => {
  await t.stop();
});

const send = (token: string, body: Record<string, unknown>) => sendAs(t, token, body);
const forward = (token: string, messageId: string, body: Record<string, unknown>, key?: string) =>
  t.api('POST', `/api/v1/messages/${messageId}/forward`, { token, body, headers: key ? { 'idempotency-key': key } : {} });
const count = async (table: string) => (await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

/** A guest's message to the pro with a file: what a pro typically forwards to a colleague. */
async function guestMessageWithFile(subject: string) {
  const data = Buffer.from(`Signed contract for ${subject}\n`.repeat(3000));
  const fileId = await uploadBytes(t, cast.guest.accessToken, data, { name: 'contract-QX.pdf', contentType: 'application/pdf' });
  const sent = await send(cast.guest.accessToken, { subject, html: '<p>Here is the <b>signed</b> contract.</p>', to: [{ email: cast.pro.email }], attachmentIds: [fileId] });
  return { ...sent, fileId, data };
}

test('when a pro forwards a message with a file and a note, then the colleague reads it and downloads the same file', async () => {
  const original = await guestMessageWithFile('Lease agreement');
  const filesBefore = await count('files');
  const res = await forward(cast.pro.accessToken, original.id, { to: [{ email: colleague.email }], note: 'Cam, can you review this?\n\nThanks' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ files: 1, replayed: false });
  expect(res.body.threadId).toBe(res.body.id);
  expect(await count('files')).toBe(filesBefore);

  const [notice] = await t.mailTo(colleague.email);
  expect(notice!.text).toContain(`/portal/messages/${res.body.id}`);
  expect(notice!.text).not.toContain('Lease agreement');

  const read = await t.api('GET', `/api/v1/messages/${res.body.id}`, { token: colleague.accessToken });
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ subject: 'Fwd: Lease agreement', from: { name: 'Pat Pro' }, role: 'recipient' });
  expect(read.body.html).toContain('<p>Cam, can you review this?</p><p>Thanks</p>');
  expect(read.body.html).toContain('---------- Forwarded message ----------<br>From: Gil Guest &lt;');
  expect(read.body.html).toContain('<blockquote><p>Here is the <b>signed</b> contract.</p></blockquote>');
  expect(read.body.files).toEqual([{ id: original.fileId, name: 'contract-QX.pdf', size: original.data.length, contentType: 'application/pdf' }]);
  const got = await download(t, colleague.accessToken, original.fileId);
  expect(got.status).toBe(200);
  expect(got.body.equals(original.data)).toBe(true);

  const inbox = await t.api('GET', '/api/v1/messages', { token: colleague.accessToken });
  expect(inbox.body.messages[0]).toMatchObject({ id: res.body.id, subject: 'Fwd: Lease agreement', attachments: 1, unread: false });
  const audit = await t.store.audit.list(cast.organizationId, { limit: 20 });
  expect(audit.find((e) => e.action === 'message.forwarded')).toMatchObject({
    actorId: cast.pro.accountId,
    targetId: original.id,
    data: { forwardId: res.body.id, recipients: 1, files: 1 },
  });
  // the download is recorded against the forward it came through, which names the original it was sent with
  expect(audit.find((e) => e.action === 'file.downloaded' && e.actorId === colleague.accountId)).toMatchObject({
    targetId: original.fileId,
    data: { messageId: res.body.id, sentWith: original.id },
  });
  // someone who is party to neither the original nor the forward still gets nothing
  expect((await download(t, cast.userManager.accessToken, original.fileId)).status).toBe(404);
  const raw = JSON.stringify(await t.store.db.query('SELECT * FROM messages WHERE id = $1', [res.body.id]));
  expect(raw).not.toContain('review this');
  expect(raw).not.toContain('Lease agreement');
});

test('when a guest forwards, then it is 403; when a pro forwards outside the staff, then it is refused and nothing is written', async () => {
  const original = await send(cast.pro.accessToken, { subject: 'For you', to: [{ email: cast.guest.email }] });
  const asGuest = await forward(cast.guest.accessToken, original.id, { to: [{ email: cast.pro.email }] });
  expect([asGuest.status, asGuest.body.code]).toEqual([403, 'guest_cannot_forward']);

  const before = [await count('messages'), await count('message_files'), await count('outbox'), await count('invitations')];
  const toGuest = await forward(cast.pro.accessToken, original.id, { to: [{ email: colleague.email }, { email: cast.guest.email }] });
  expect(toGuest.status).toBe(409);
  expect(toGuest.body).toMatchObject({ code: 'forward_to_pros_only', recipients: [cast.guest.email] });
  const toStranger = await forward(cast.pro.accessToken, original.id, { to: [{ email: 'new-person@elsewhere.example' }] });
  expect(toStranger.body).toMatchObject({ code: 'forward_to_pros_only', recipients: ['new-person@elsewhere.example'] });
  const invalid = await forward(cast.pro.accessToken, original.id, { to: [{ email: 'not-an-address' }] });
  expect([invalid.status, invalid.body.code]).toEqual([400, 'invalid_recipients']);
  const toSelf = await forward(cast.pro.accessToken, original.id, { to: [{ email: cast.pro.email }] });
  expect([toSelf.status, toSelf.body.code]).toEqual([400, 'no_recipients']);
  expect([await count('messages'), await count('message_files'), await count('outbox'), await count('invitations')]).toEqual(before);
});

test('when a pro forwards a message they cannot read, then it is 404 and the attempt is audited', async () => {
  const original = await send(cast.pro.accessToken, { subject: 'Private', to: [{ email: cast.guest.email }] });
  const res = await forward(colleague.accessToken, original.id, { to: [{ email: cast.userManager.email }] });
  expect([res.status, res.body.code]).toEqual([404, 'not_found']);
  const [latest] = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(latest).toMatchObject({ action: 'message.access_refused', targetId: original.id, data: { reason: 'not_a_party', purpose: 'forward' } });
});

test('when the original is recalled, then the forward and every path to its files are closed, except to the one who recalled it', async () => {
  const original = await send(cast.pro.accessToken, {
    subject: 'Settlement draft',
    to: [{ email: colleague.email }],
    attachmentIds: [await uploadBytes(t, cast.pro.accessToken, Buffer.from('draft v1'), { name: 'draft.docx' })],
  });
  const { files: [file] } = (await t.api('GET', `/api/v1/messages/${original.id}`, { token: colleague.accessToken })).body;
  const fwd = await forward(colleague.accessToken, original.id, { to: [{ email: cast.userManager.email }], note: 'FYI' });
  expect((await download(t, cast.userManager.accessToken, file.id)).status).toBe(200);

  await t.api('POST', `/api/v1/messages/${original.id}/recall`, { token: cast.pro.accessToken, body: { reason: 'Wrong version' } });
  // the forward's recipient, the forwarder (who received the original) and the files through either path: gone
  const opened = await t.api('GET', `/api/v1/messages/${fwd.body.id}`, { token: cast.userManager.accessToken });
  expect(opened.status).toBe(410);
  expect(opened.body).toMatchObject({ code: 'message_recalled', forwarded: true, reason: null, threadId: fwd.body.threadId });
  expect(opened.body.detail).toMatch(/^The message this one forwards was recalled by Pat Pro on \d{4}-\d\d-\d\d/);
  expect(opened.body.detail).not.toContain('Wrong version');
  expect((await t.api('GET', `/api/v1/messages/${fwd.body.id}`, { token: colleague.accessToken })).status).toBe(410);
  for (const token of [cast.userManager.accessToken, colleague.accessToken]) {
    const res = await download(t, token, file.id);
    expect([res.status, JSON.parse(res.body.toString()).code]).toEqual([410, 'message_recalled']);
  }
  const inbox = await t.api('GET', '/api/v1/messages', { token: cast.userManager.accessToken });
  expect(inbox.body.messages.find((m: { id: string }) => m.id === fwd.body.id)).toMatchObject({
    subject: null,
    unavailable: { reason: 'recalled', by: 'Pat Pro', note: null, forwarded: true },
  });
  const thread = await t.api('GET', `/api/v1/threads/${fwd.body.threadId}`, { token: colleague.accessToken });
  expect(thread.body.messages[0]).toMatchObject({ subject: null, html: null });
  // the sender of the original still has it, and its file, but cannot forward what they recalled
  expect((await download(t, cast.pro.accessToken, file.id)).status).toBe(200);
  const again = await forward(cast.pro.accessToken, original.id, { to: [{ email: colleague.email }] });
  expect([again.status, again.body.code]).toEqual([409, 'message_unavailable']);
  expect(await t.store.audit.list(cast.organizationId, { limit: 5 })).toContainEqual(
    expect.objectContaining({ action: 'message.access_refused', targetId: original.id, data: { reason: 'recalled', purpose: 'download' } }),
  );
});

test('when the forwarder recalls the forward, then only the forward is closed; the original and its file stay open', async () => {
  const original = await guestMessageWithFile('Tax return');
  const fwd = await forward(cast.pro.accessToken, original.id, { to: [{ email: colleague.email }] });
  expect((await t.api('POST', `/api/v1/messages/${fwd.body.id}/recall`, { token: cast.pro.accessToken, body: {} })).status).toBe(204);
  expect((await t.api('GET', `/api/v1/messages/${fwd.body.id}`, { token: colleague.accessToken })).body).toMatchObject({ code: 'message_recalled', forwarded: false });
  expect((await download(t, colleague.accessToken, original.fileId)).status).toBe(410);
  expect((await download(t, cast.pro.accessToken, original.fileId)).status).toBe(200);
  expect((await t.api('GET', `/api/v1/messages/${original.id}`, { token: cast.pro.accessToken })).status).toBe(200);
});

test('when the original expires, then its forward expires with it; when its sender deletes it from view, the forward keeps its file', async () => {
  const original = await guestMessageWithFile('Medical record');
  const fwd = await forward(cast.pro.accessToken, original.id, { to: [{ email: colleague.email }] });
  expect((await t.api('DELETE', `/api/v1/messages/${original.id}`, { token: cast.guest.accessToken })).status).toBe(204);
  expect((await download(t, colleague.accessToken, original.fileId)).status).toBe(200);

  await t.store.db.query("UPDATE messages SET expires_at = now() - interval '1 second' WHERE id = $1", [original.id]);
  expect((await t.api('GET', `/api/v1/messages/${fwd.body.id}`, { token: colleague.accessToken })).body).toMatchObject({ code: 'message_expired', forwarded: true });
  expect((await download(t, colleague.accessToken, original.fileId)).status).toBe(410);
});

test('when a forward is forwarded again, then its files travel too and a recall of the first original still stops them', async () => {
  const original = await guestMessageWithFile('Deed');
  const first = await forward(cast.pro.accessToken, original.id, { to: [{ email: colleague.email }] });
  const second = await forward(colleague.accessToken, first.body.id, { to: [{ email: cast.userManager.email }] });
  expect(second.body.files).toBe(1);
  expect((await download(t, cast.userManager.accessToken, original.fileId)).status).toBe(200);
  await t.store.messages.recall(cast.organizationId, original.id, cast.guest.accountId, null);
  expect((await download(t, cast.userManager.accessToken, original.fileId)).status).toBe(410);
  expect((await t.api('GET', `/api/v1/messages/${second.body.id}`, { token: cast.userManager.accessToken })).status).toBe(410);
});

test('when a forward is repeated with its Idempotency-Key, then the first forward comes back; another body is 409', async () => {
  const original = await send(cast.guest.accessToken, { subject: 'Once', to: [{ email: cast.pro.email }] });
  const body = { to: [{ email: colleague.email }] };
  const first = await forward(cast.pro.accessToken, original.id, body, 'forward-key-0001');
  const again = await forward(cast.pro.accessToken, original.id, body, 'forward-key-0001');
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
  const other = await forward(cast.pro.accessToken, original.id, { ...body, note: 'different' }, 'forward-key-0001');
  expect([other.status, other.body.code]).toEqual([409, 'idempotency_conflict']);
});
