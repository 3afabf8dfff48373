/** The filesystem blob store on a real temporary directory: the blob store contract, plus what only files show. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BlobError, newBlobKey } from './blobStore';
import { blobStoreContract, from } from './testing/blobStoreContract';
import { fsBlobStore } from './fsBlobStore';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-blobs-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

blobStoreContract(() => fsBlobStore(root));

test('when a key is not one of ours, then nothing on disk is touched', async () => {
  const blobs = fsBlobStore(root);
  for (const key of ['../etc/passwd', 'report.pdf', 'ABCDEF0123456789ABCDEF0123456789', '']) {
    await expect(blobs.append(key, 0, from('x'))).rejects.toThrow(BlobError);
  }
  expect(fs.readdirSync(root)).toEqual([]);
});

test('when an append is larger than the early-flush interval, then every byte reads back in order', async () => {
  const blobs = fsBlobStore(root);
  const key = newBlobKey();
  const bytes = Buffer.alloc(20 * 1024 * 1024);
  for (let at = 0; at < bytes.length; at += 4) bytes.writeUInt32BE(at, at);
  const pieces = Array.from({ length: 320 }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
  expect(await blobs.append(key, 0, Readable.from(pieces))).toBe(bytes.length);
  await blobs.finish(key, bytes.length);
  const read: Buffer[] = [];
  for await (const part of await blobs.open(key)) read.push(part as Buffer);
  expect(Buffer.concat(read).equals(bytes)).toBe(true);
});
