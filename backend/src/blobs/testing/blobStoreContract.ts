/**
 * What every blob store must do, as tests any store's suite runs on itself (fsBlobStore.test.ts,
 * azureBlobStore.test.ts): appends, cut-off appends and their retry, finishing, ranges, reopening, removal, and
 * refusal of keys that are not ours. `open` answers a fresh, empty store for each test.
 */
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobError, newBlobKey, type BlobStore } from '../blobStore';

export const from = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

/** Sends `first`, then fails the way a client that hangs up mid-chunk does. */
export const failing = (first: string) =>
  new Readable({
    read() {
      this.push(Buffer.from(first));
      this.destroy(new Error('cut off'));
    },
  });

export function blobStoreContract(open: () => BlobStore): void {
  test('when a blob is appended to and finished, then it reads back whole and in ranges', async () => {
    const blobs = open();
    const key = newBlobKey();
    expect(await blobs.append(key, 0, from('head'))).toBe(4);
    expect(await blobs.append(key, 4, from('er ', 'body'))).toBe(7);
    await expect(blobs.open(key)).rejects.toThrow(BlobError);
    expect((await blobs.head(key, 4)).toString()).toBe('head');
    await blobs.finish(key, 11);
    expect(await text(await blobs.open(key))).toBe('header body');
    expect(await text(await blobs.open(key, { start: 2, end: 5 }))).toBe('ader');
    expect(await text(await blobs.open(key, { start: 7, end: 100 }))).toBe('body');
    expect((await blobs.head(key, 6)).toString()).toBe('header');
    await blobs.finish(key, 11);
  });

  test('when an append was cut off, then the next append at the recorded length drops what it left', async () => {
    const blobs = open();
    const key = newBlobKey();
    await blobs.append(key, 0, from('0123'));
    await expect(blobs.append(key, 4, failing('garbage'))).rejects.toThrow('cut off');
    await blobs.append(key, 4, from('4567'));
    await blobs.finish(key, 8);
    expect(await text(await blobs.open(key))).toBe('01234567');
  });

  test('when an append stored more than was recorded, then the next append at the recorded length replaces the rest', async () => {
    const blobs = open();
    const key = newBlobKey();
    await blobs.append(key, 0, from('0123'));
    await blobs.append(key, 4, from('4567'));
    // the offset 8 was never recorded: the client resumes from 6
    await blobs.append(key, 6, from('ab'));
    await blobs.finish(key, 8);
    expect(await text(await blobs.open(key))).toBe('012345ab');
  });

  test('when an append claims more bytes than the blob holds, or a finish the wrong length, then it is refused', async () => {
    const blobs = open();
    const key = newBlobKey();
    await blobs.append(key, 0, from('abc'));
    await expect(blobs.append(key, 5, from('x'))).rejects.toThrow(BlobError);
    await expect(blobs.finish(key, 4)).rejects.toThrow(BlobError);
    await expect(blobs.append(newBlobKey(), 3, from('x'))).rejects.toThrow(BlobError);
  });

  test('when a finished blob is appended to again, then it is unfinished until finished anew', async () => {
    const blobs = open();
    const key = newBlobKey();
    await blobs.append(key, 0, from('abc'));
    await blobs.finish(key, 3);
    await blobs.append(key, 2, from('Z!'));
    await expect(blobs.open(key)).rejects.toThrow(BlobError);
    await blobs.finish(key, 4);
    expect(await text(await blobs.open(key))).toBe('abZ!');
  });

  test('when a key is not one of ours, then every operation refuses it', async () => {
    const blobs = open();
    for (const key of ['../etc/passwd', 'report.pdf', 'ABCDEF0123456789ABCDEF0123456789', '']) {
      await expect(blobs.append(key, 0, from('x'))).rejects.toThrow(BlobError);
      await expect(blobs.open(key)).rejects.toThrow(BlobError);
      await expect(blobs.remove(key)).rejects.toThrow(BlobError);
    }
  });

  test('when a blob is removed, then neither its unfinished nor its finished form remains', async () => {
    const blobs = open();
    const [a, b] = [newBlobKey(), newBlobKey()];
    await blobs.append(a, 0, from('a'));
    await blobs.append(b, 0, from('b'));
    await blobs.finish(b, 1);
    await blobs.remove(a);
    await blobs.remove(b);
    await blobs.remove(b);
    await expect(blobs.head(a, 1)).rejects.toThrow(BlobError);
    await expect(blobs.open(b)).rejects.toThrow(BlobError);
    await expect(blobs.append(a, 1, from('x'))).rejects.toThrow(BlobError);
  });

  test('when a blob was never written, then reading, finishing or heading it is a BlobError', async () => {
    const blobs = open();
    const key = newBlobKey();
    await expect(blobs.open(key)).rejects.toThrow(BlobError);
    await expect(blobs.open(key, { start: 0, end: 3 })).rejects.toThrow(BlobError);
    await expect(blobs.head(key, 1)).rejects.toThrow(BlobError);
    await expect(blobs.finish(key, 0)).rejects.toThrow(BlobError);
    await blobs.remove(key);
  });
}
