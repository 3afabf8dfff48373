/** The filesystem blob store on a real temporary directory: appends, cut-off appends, finishing, ranges, keys. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobError, newBlobKey } from './blobStore';
import { fsBlobStore } from './fsBlobStore';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-blobs-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const from = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
const failing = (first: string) =>
  new Readable({
    read() {
      this.push(Buffer.from(first));
      this.destroy(new Error('cut off'));
    },
  });

test('when a blob is appended to and finished, then it reads back whole and in ranges', async () => {
  const blobs = fsBlobStore(root);
  const key = newBlobKey();
  expect(await blobs.append(key, 0, from('head'))).toBe(4);
  expect(await blobs.append(key, 4, from('er ', 'body'))).toBe(7);
  await expect(blobs.open(key)).rejects.toThrow(BlobError);
  expect((await blobs.head(key, 4)).toString()).toBe('head');
  await blobs.finish(key, 11);
  expect(await text(await blobs.open(key))).toBe('header body');
  expect(await text(await blobs.open(key, { start: 2, end: 5 }))).toBe('ader');
  expect((await blobs.head(key, 6)).toString()).toBe('header');
  await blobs.finish(key, 11);
});

test('when an append was cut off, then the next append at the recorded length drops what it left', async () => {
  const blobs = fsBlobStore(root);
  const key = newBlobKey();
  await blobs.append(key, 0, from('0123'));
  await expect(blobs.append(key, 4, failing('garbage'))).rejects.toThrow('cut off');
  await blobs.append(key, 4, from('4567'));
  await blobs.finish(key, 8);
  expect(await text(await blobs.open(key))).toBe('01234567');
});

test('when an append claims more bytes than the blob holds, or a finish the wrong length, then it is refused', async () => {
  const blobs = fsBlobStore(root);
  const key = newBlobKey();
  await blobs.append(key, 0, from('abc'));
  await expect(blobs.append(key, 5, from('x'))).rejects.toThrow(BlobError);
  await expect(blobs.finish(key, 4)).rejects.toThrow(BlobError);
  await expect(blobs.append(newBlobKey(), 3, from('x'))).rejects.toThrow(BlobError);
});

test('when a finished blob is appended to again, then it is unfinished until finished anew', async () => {
  const blobs = fsBlobStore(root);
  const key = newBlobKey();
  await blobs.append(key, 0, from('abc'));
  await blobs.finish(key, 3);
  await blobs.append(key, 2, from('Z!'));
  await expect(blobs.open(key)).rejects.toThrow(BlobError);
  await blobs.finish(key, 4);
  expect(await text(await blobs.open(key))).toBe('abZ!');
});

test('when a key is not one of ours, then nothing on disk is touched', async () => {
  const blobs = fsBlobStore(root);
  for (const key of ['../etc/passwd', 'report.pdf', 'ABCDEF0123456789ABCDEF0123456789', '']) {
    await expect(blobs.append(key, 0, from('x'))).rejects.toThrow(BlobError);
    await expect(blobs.open(key)).rejects.toThrow(BlobError);
    await expect(blobs.remove(key)).rejects.toThrow(BlobError);
  }
  expect(fs.readdirSync(root)).toEqual([]);
});

test('when a blob is removed, then neither its unfinished nor its finished form remains', async () => {
  const blobs = fsBlobStore(root);
  const [a, b] = [newBlobKey(), newBlobKey()];
  await blobs.append(a, 0, from('a'));
  await blobs.append(b, 0, from('b'));
  await blobs.finish(b, 1);
  await blobs.remove(a);
  await blobs.remove(b);
  await blobs.remove(b);
  await expect(blobs.head(a, 1)).rejects.toThrow(BlobError);
  await expect(blobs.open(b)).rejects.toThrow(BlobError);
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
