/**
 * What is at rest and what a changed blob does: no file name or content in the clear in the database or the blob
 * files, a tampered or truncated blob never downloads as a file, and the organization's size limit holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, cutOffPatch, download, downloadAsReceived, offsetAfter, patchChunk, randomData, uploadBytes } from './testSupport';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t);
});
afterAll(async () => {
  await t.stop();
});

const token = () => cast.pro.accessToken;
const blobsDir = () => path.join(t.deps.config.dataDir, 'blobs');

async function blobPath(fileId: string): Promise<string> {
  const file = await t.store.files.findById(cast.organizationId, fileId);
  return path.join(blobsDir(), file!.blobKey.slice(0, 2), file!.blobKey);
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('a changed blob', () => {
  const size = 5 * SEGMENT + 77;
  let data: Buffer;
  let fileId: string;
  beforeEach(async () => {
    data = randomData(size);
    fileId = await uploadBytes(t, token(), data);
  });

  test('when a byte in the third segment is flipped, then the download breaks off after the authentic part', async () => {
    const file = await blobPath(fileId);
    const bytes = fs.readFileSync(file);
    bytes[48 + 2 * (SEGMENT + 16) + 100]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const got = await downloadAsReceived(t, token(), fileId);
    expect(got.status).toBe(200);
    expect(got.cutOff).toBe(true);
    expect(got.received.length).toBeLessThanOrEqual(2 * SEGMENT);
    expect(got.received.equals(data.subarray(0, got.received.length))).toBe(true);
    // a range that starts in the changed segment fails before any byte, so the connection closes without an answer
    await expect(download(t, token(), fileId, { range: `bytes=${2 * SEGMENT}-${2 * SEGMENT + 10}` })).rejects.toThrow();
    const untouched = await download(t, token(), fileId, { range: `bytes=0-${SEGMENT - 1}` });
    expect(untouched.body.equals(data.subarray(0, SEGMENT))).toBe(true);
  });

  test('when the header is changed, then nothing of the file is sent', async () => {
    const file = await blobPath(fileId);
    const bytes = fs.readFileSync(file);
    bytes[20]! ^= 0x80;
    fs.writeFileSync(file, bytes);
    const got = await downloadAsReceived(t, token(), fileId);
    expect(got.cutOff).toBe(true);
    expect(got.received.length).toBe(0);
  });

  test('when the last segment is cut off the blob, then the download does not end normally', async () => {
    const file = await blobPath(fileId);
    fs.truncateSync(file, 48 + 5 * (SEGMENT + 16));
    const got = await downloadAsReceived(t, token(), fileId);
    expect(got.cutOff).toBe(true);
    expect(got.received.equals(data.subarray(0, got.received.length))).toBe(true);
    expect(got.received.length).toBeLessThan(size);
  });

  test('when another file’s blob is swapped in, then it does not open as this file', async () => {
    const otherId = await uploadBytes(t, token(), randomData(size));
    fs.copyFileSync(await blobPath(otherId), await blobPath(fileId));
    const got = await downloadAsReceived(t, token(), fileId);
    expect([got.cutOff, got.received.length]).toEqual([true, 0]);
  });
});

test('when files are stored, then neither their names nor their bytes are in the database or the blob files', async () => {
  const marker = 'PLAINTEXT-MARKER-7f3a9c';
  const name = `Diagnosis ${marker}.pdf`;
  const content = Buffer.from(`${marker} `.repeat(20_000));
  const complete = await uploadBytes(t, token(), content, { name, chunkSize: 100_000 });
  // an unfinished upload whose last chunk ended mid-segment: the leftover bytes must not linger anywhere
  const created = await createUpload(t, token(), { name, size: content.length });
  await cutOffPatch(t, token(), created.body.id, 0, content.length, content.subarray(0, SEGMENT + 30_000));
  const kept = await offsetAfter(t, token(), created.body.id, 0);
  expect(kept % SEGMENT).toBe(0);
  await patchChunk(t, token(), created.body.id, kept, content.subarray(kept, 2 * SEGMENT + 500));

  const rows = await t.store.db.query('SELECT * FROM files');
  const audit = await t.store.db.query('SELECT * FROM audit_events');
  expect(rows.length).toBeGreaterThanOrEqual(2);
  const database = JSON.stringify([rows, audit]);
  expect(database).not.toContain(marker);
  expect(database).not.toContain(Buffer.from(marker).toString('base64').slice(0, 16));
  const blobFiles = allFiles(blobsDir());
  expect(blobFiles.length).toBeGreaterThanOrEqual(2);
  for (const file of blobFiles) {
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(marker)).toBe(false);
    expect(bytes.includes(Buffer.from(marker, 'utf16le'))).toBe(false);
    expect(path.basename(file)).toMatch(/^[0-9a-f]{32}$/);
  }
  expect((await download(t, token(), complete)).body.equals(content)).toBe(true);
});

test('when the organization limits file size, then a larger upload is 413 file_too_large and one at the limit is fine', async () => {
  await t.store.db.query('UPDATE organizations SET max_file_bytes = 250000 WHERE id = $1', [cast.organizationId]);
  try {
    const over = await createUpload(t, token(), { name: 'big.mov', size: 250_001 });
    expect([over.status, over.body.code]).toEqual([413, 'file_too_large']);
    expect(over.body.detail).toContain('accepts files of up to 250 KB');
    expect((await createUpload(t, token(), { name: 'ok.mov', size: 250_000 })).status).toBe(201);
  } finally {
    await t.store.db.query('UPDATE organizations SET max_file_bytes = DEFAULT WHERE id = $1', [cast.organizationId]);
  }
});
