/**
 * Who may see a file: the uploader until it is attached, then whoever may open its message. Strangers, other
 * organizations and recipients of recalled or expired messages are turned away. Attaching is all-or-nothing.
 */
import { randomUUID } from 'node:crypto';
import { attachFiles } from '../../commands/fileAttacher';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, download, patchChunk, randomData, uploadBytes } from './testSupport';

let t: TestServer;
let cast: Cast;
let other: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Harbor Clinic');
  other = await castOrganization(t, 'Rival Law');
});
afterAll(async () => {
  await t.stop();
});

/** A message from the pro to the guest, stored directly: the messages API is not what these tests are about. */
async function messageToGuest(): Promise<string> {
  const id = randomUUID();
  await t.store.messages.create({
    id,
    organizationId: cast.organizationId,
    threadId: id,
    inReplyTo: null,
    senderId: cast.pro.accountId,
    dataKeyId: 'k',
    dataKey: 'unused',
    subjectSealed: 'unused',
    bodySealed: 'unused',
    deliveredByClient: false,
    idempotencyKey: null,
    requestHash: null,
    expiresAt: null,
  });
  await t.store.messages.addRecipients(id, [{ accountId: cast.guest.accountId, kind: 'to', notified: true }]);
  return id;
}

const attach = (fileIds: string[], messageId: string, uploaderId = cast.pro.accountId) =>
  t.store.transaction((tx) => attachFiles(tx, { organizationId: cast.organizationId, uploaderId, fileIds, messageId }));

async function statuses(token: string, fileId: string): Promise<number[]> {
  return [
    (await t.api('GET', `/api/v1/files/${fileId}`, { token })).status,
    (await download(t, token, fileId)).status,
    (await t.api('HEAD', `/api/v1/uploads/${fileId}`, { token })).status,
    (await patchChunk(t, token, fileId, 0, randomData(10))).status,
  ];
}

test('when a file is not attached, then only its uploader sees it; colleagues and other organizations get 404', async () => {
  const data = randomData(SEGMENT + 5);
  const fileId = await uploadBytes(t, cast.pro.accessToken, data, { name: 'private.pdf' });
  expect((await download(t, cast.pro.accessToken, fileId)).body.equals(data)).toBe(true);
  for (const stranger of [cast.guest, cast.userManager, other.pro]) {
    expect(await statuses(stranger.accessToken, fileId)).toEqual([404, 404, 404, 404]);
  }
  expect(await statuses(cast.admin.accessToken, fileId)).toEqual([404, 404, 404, 404]);
  const res = await t.api('GET', `/api/v1/files/${fileId}`, { token: other.pro.accessToken });
  expect(res.body).toMatchObject({ code: 'not_found', detail: 'That file was not found.' });
});

test('when a member of another organization PATCHes an upload in a loop, then none of its owner\'s chunks is turned away', async () => {
  const chunks = 16;
  const data = randomData(chunks * SEGMENT);
  const fileId = (await createUpload(t, cast.pro.accessToken, { name: 'contested.bin', size: data.length })).body.id as string;
  let owning = true;
  const strangerAnswers: number[] = [];
  const stranger = async () => {
    while (owning) strangerAnswers.push((await patchChunk(t, other.pro.accessToken, fileId, 0, randomData(10))).status);
  };
  const loops = Array.from({ length: 6 }, stranger);
  const ownerAnswers: (string | undefined)[] = [];
  try {
    for (let offset = 0; offset < data.length; offset += SEGMENT) {
      const res = await patchChunk(t, cast.pro.accessToken, fileId, offset, data.subarray(offset, offset + SEGMENT));
      ownerAnswers.push(res.status === 204 ? 'stored' : (res.body as { code?: string } | null)?.code);
    }
  } finally {
    owning = false;
    await Promise.all(loops);
  }
  expect(ownerAnswers).toEqual(Array.from({ length: chunks }, () => 'stored'));
  expect(strangerAnswers.length).toBeGreaterThan(0);
  expect(new Set(strangerAnswers)).toEqual(new Set([404]));
  expect((await download(t, cast.pro.accessToken, fileId)).body.equals(data)).toBe(true);
});

test('when a file is attached, then the recipient may read it and a colleague who is no party still may not', async () => {
  const data = randomData(2 * SEGMENT);
  const fileId = await uploadBytes(t, cast.pro.accessToken, data, { name: 'results.pdf', contentType: 'application/pdf' });
  const messageId = await messageToGuest();
  const attached = await attach([fileId], messageId);
  expect(attached.map((f) => [f.id, f.messageId])).toEqual([[fileId, messageId]]);
  const details = await t.api('GET', `/api/v1/files/${fileId}`, { token: cast.guest.accessToken });
  expect(details.body).toMatchObject({ id: fileId, name: 'results.pdf', contentType: 'application/pdf', status: 'complete' });
  expect((await download(t, cast.guest.accessToken, fileId)).body.equals(data)).toBe(true);
  expect((await download(t, cast.pro.accessToken, fileId)).body.equals(data)).toBe(true);
  expect((await download(t, cast.userManager.accessToken, fileId)).status).toBe(404);
  expect((await download(t, other.guest.accessToken, fileId)).status).toBe(404);
  // resuming is for the uploader alone, and an attached file is complete anyway
  expect((await t.api('HEAD', `/api/v1/uploads/${fileId}`, { token: cast.guest.accessToken })).status).toBe(404);
  const refused = await t.store.audit.list(cast.organizationId, { limit: 50 });
  expect(refused.some((e) => e.action === 'message.access_refused' && e.targetId === messageId && e.data.purpose === 'download')).toBe(true);
});

test('when the message is recalled or expired, then the recipient gets 410 and the sender still reads the file', async () => {
  const fileId = await uploadBytes(t, cast.pro.accessToken, randomData(100));
  const messageId = await messageToGuest();
  await attach([fileId], messageId);
  await t.store.messages.recall(cast.organizationId, messageId, cast.pro.accountId, null);
  const recalled = await download(t, cast.guest.accessToken, fileId);
  expect([recalled.status, JSON.parse(recalled.body.toString()).code]).toEqual([410, 'message_recalled']);
  expect((await t.api('GET', `/api/v1/files/${fileId}`, { token: cast.guest.accessToken })).status).toBe(410);
  expect((await download(t, cast.pro.accessToken, fileId)).status).toBe(200);

  const laterId = await uploadBytes(t, cast.pro.accessToken, randomData(100));
  const expiring = await messageToGuest();
  await attach([laterId], expiring);
  await t.store.messages.setExpiry(cast.organizationId, expiring, new Date(Date.now() - 1000));
  const expired = await download(t, cast.guest.accessToken, laterId);
  expect([expired.status, JSON.parse(expired.body.toString()).code]).toEqual([410, 'message_expired']);
});

describe('attachFiles', () => {
  test('when one file is not attachable, then it names that file with a code and none is attached', async () => {
    const good = await uploadBytes(t, cast.pro.accessToken, randomData(10));
    const unfinished = (await createUpload(t, cast.pro.accessToken, { name: 'half.bin', size: 2 * SEGMENT })).body.id;
    const someoneElses = await uploadBytes(t, cast.userManager.accessToken, randomData(10));
    const otherOrgs = await uploadBytes(t, other.pro.accessToken, randomData(10));
    const messageId = await messageToGuest();
    const cases: [string, number, string][] = [
      [unfinished, 409, 'file_incomplete'],
      [someoneElses, 404, 'file_not_found'],
      [otherOrgs, 404, 'file_not_found'],
      [randomUUID(), 404, 'file_not_found'],
      ['not-a-uuid', 404, 'file_not_found'],
    ];
    for (const [bad, status, code] of cases) {
      await expect(attach([good, bad], messageId)).rejects.toMatchObject({ status, code, details: { fileId: bad } });
    }
    expect((await t.store.files.findById(cast.organizationId, good))?.messageId).toBeNull();
  });

  test('when a file is already attached, then attaching it again is 409 file_already_attached', async () => {
    const fileId = await uploadBytes(t, cast.pro.accessToken, randomData(10));
    const first = await messageToGuest();
    expect(await attach([fileId, fileId.toUpperCase()], first)).toHaveLength(1);
    await expect(attach([fileId], await messageToGuest())).rejects.toMatchObject({ status: 409, code: 'file_already_attached' });
    expect((await t.store.files.findById(cast.organizationId, fileId))?.messageId).toBe(first);
  });
});
