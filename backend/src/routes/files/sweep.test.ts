/**
 * The sweep of abandoned uploads, on a clock the test sets: files nobody sent and that made no progress for longer
 * than the limit — unfinished uploads and finished ones never attached — go with their blobs; files that were sent,
 * or that are still within the limit, stay. The periodic sweeper stops cleanly.
 */
import { sweepAbandonedUploads, startUploadSweeper } from '../../commands/fileSweeper';
import { castOrganization, type Cast } from '../../testing/members';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, patchChunk, randomData, uploadBytes } from './testSupport';

const HOUR = 3_600_000;
const LIMIT = 24 * HOUR;

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Birch Clinic');
});
afterAll(async () => {
  await t.stop();
});

const inHours = (hours: number) => () => new Date(Date.now() + hours * HOUR);
const sweep = (hours: number) => sweepAbandonedUploads(t.deps, { maxIdleMs: LIMIT, now: inHours(hours) });
const blobOf = async (fileId: string) => (await t.store.db.query<{ blob_key: string }>('SELECT blob_key FROM files WHERE id = $1', [fileId]))[0]?.blob_key;
const blobExists = (key: string) => t.deps.blobs.head(key, 1).then(() => true, () => false);

test('when uploads sit unsent past the limit, then they and their blobs are deleted; sent and recent files stay', async () => {
  // an upload stopped halfway, one finished but never sent, one sent with a message
  const halfway = (await createUpload(t, cast.pro.accessToken, { name: 'halfway.bin', size: 3 * SEGMENT })).body.id as string;
  expect((await patchChunk(t, cast.pro.accessToken, halfway, 0, randomData(SEGMENT))).status).toBe(204);
  const finished = await uploadBytes(t, cast.guest.accessToken, randomData(1000), { name: 'never-sent.pdf' });
  const sent = await uploadBytes(t, cast.pro.accessToken, randomData(1000), { name: 'sent.pdf' });
  const message = await t.api('POST', '/api/v1/messages', {
    token: cast.pro.accessToken,
    body: { subject: 'Files', html: '<p>Attached</p>', to: [{ email: cast.guest.email }], attachmentIds: [sent] },
  });
  expect(message.status).toBe(201);
  const blobs = { halfway: (await blobOf(halfway))!, finished: (await blobOf(finished))!, sent: (await blobOf(sent))! };
  expect(await blobExists(blobs.halfway)).toBe(true);

  // within the limit nothing goes
  expect(await sweep(23)).toBe(0);
  expect(await blobOf(halfway)).toBe(blobs.halfway);

  expect(await sweep(25)).toBe(2);
  expect(await blobOf(halfway)).toBeUndefined();
  expect(await blobOf(finished)).toBeUndefined();
  expect(await blobExists(blobs.halfway)).toBe(false);
  expect(await blobExists(blobs.finished)).toBe(false);
  expect(await blobOf(sent)).toBe(blobs.sent);
  expect(await blobExists(blobs.sent)).toBe(true);
  expect((await t.api('HEAD', `/api/v1/uploads/${halfway}`, { token: cast.pro.accessToken })).status).toBe(404);

  const audit = await t.store.audit.list(cast.organizationId, { limit: 10 });
  const discarded = audit.filter((e) => e.action === 'file.discarded').map((e) => [e.targetId, e.data.status, e.actorId]);
  expect(discarded).toEqual(expect.arrayContaining([[halfway, 'uploading', null], [finished, 'complete', null]]));
});

test('when an upload made progress recently, then its age since creation does not matter', async () => {
  const resumed = (await createUpload(t, cast.pro.accessToken, { name: 'resumed.bin', size: 2 * SEGMENT })).body.id as string;
  // started a month ago (moved back in the database), resumed just now
  await t.store.db.query("UPDATE files SET created_at = now() - interval '30 days', updated_at = now() - interval '30 days' WHERE id = $1", [resumed]);
  expect((await patchChunk(t, cast.pro.accessToken, resumed, 0, randomData(SEGMENT))).status).toBe(204);
  expect(await sweep(1)).toBe(0);
  expect(await blobOf(resumed)).toBeDefined();
  expect(await sweep(25)).toBe(1);
});

test('when the periodic sweeper is asked to sweep and then stopped, then it sweeps with its clock and stops', async () => {
  const old = await uploadBytes(t, cast.pro.accessToken, randomData(10), { name: 'old.txt' });
  const sweeper = startUploadSweeper(t.deps, { maxIdleMs: LIMIT, now: inHours(48), firstDelayMs: HOUR });
  expect(await sweeper.sweepNow()).toBe(1);
  expect(await blobOf(old)).toBeUndefined();
  await sweeper.stop();
});

test('when a lease on an upload is held, then its row stays even where the sweep skipped its own lease check', async () => {
  const leased = await uploadBytes(t, cast.pro.accessToken, randomData(10), { name: 'leased.txt' });
  const idleSince = inHours(48)();
  const otherHolder = randomUUID();
  expect(await t.store.uploadLeases.acquire(leased, otherHolder, 60)).toBe(true);
  // the delete the sweep runs, asked straight away as if a chunk took the lease just after the sweep's isHeld check
  expect(await t.store.files.removeAbandoned(cast.organizationId, leased, idleSince)).toBe(false);
  expect(await blobOf(leased)).toBeDefined();
  await t.store.uploadLeases.release(leased, otherHolder);
  expect(await t.store.files.removeAbandoned(cast.organizationId, leased, idleSince)).toBe(true);
});

// Last: the sweeps above are global, and this upload is left mid-chunk.
test('when a chunk is still arriving, then the upload counts as in progress and the sweep leaves it alone', async () => {
  const slow = (await createUpload(t, cast.pro.accessToken, { name: 'slow.bin', size: 2 * SEGMENT })).body.id as string;
  await t.store.db.query("UPDATE files SET updated_at = now() - interval '30 days' WHERE id = $1", [slow]);
  const idleSince = async () => (await t.store.db.query<{ idle: boolean }>("SELECT updated_at < now() - interval '1 day' AS idle FROM files WHERE id = $1", [slow]))[0]!.idle;
  // a PATCH that announces a whole segment and sends half of it: the chunk is under way
  const socket = net.connect(Number(new URL(t.url).port), '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(
    [`PATCH /api/v1/uploads/${slow} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${cast.pro.accessToken}`,
      'Content-Type: application/offset+octet-stream', 'Upload-Offset: 0', 'Tus-Resumable: 1.0.0', `Content-Length: ${SEGMENT}`, '', ''].join('\r\n'),
  );
  socket.write(randomData(SEGMENT / 2));
  try {
    while (await idleSince()) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sweep(1)).toBe(0);
    expect(await blobOf(slow)).toBeDefined();
  } finally {
    socket.destroy();
  }
});
