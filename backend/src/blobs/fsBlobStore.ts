/**
 * Blobs as files under DATA_DIR/blobs. An unfinished blob is a temporary file in `.uploads/`; finishing renames it
 * to `<2 hex>/<key>` (same file system, so the rename is atomic): a reader never sees a blob that is still growing.
 * Appends, finishes and the directories they touch are fsynced, so an offset the database records is on disk; a long
 * append flushes as it goes (earlyFlush.ts), so that its closing fsync does not have the whole chunk still to write.
 */
import { constants as fsConstants } from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BLOB_KEY, BlobError, type BlobRange, type BlobStore } from './blobStore';
import { EarlyFlush } from './earlyFlush';

const PENDING_DIR = '.uploads';
/**
 * Bytes an append buffers before it waits for the disk. Node's default (16 KiB) lets one encrypted segment through
 * per write, a system call and a thread-pool round trip each; with room for a megabyte, the segments that arrive
 * while a write is under way go out together in one writev.
 */
const WRITE_BATCH = 1024 * 1024;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function checkKey(key: string): void {
  // keys become path segments: anything but our own random ids could climb out of the directory
  if (!BLOB_KEY.test(key)) throw new BlobError('a blob key must be 32 lower-case hex digits');
}

function checkOffset(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new BlobError(`${name} must be a non-negative integer`);
}

/** A rename or a new file is durable only once its directory is synced too. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function fsBlobStore(root: string): BlobStore {
  const pendingPath = (key: string) => path.join(root, PENDING_DIR, key);
  const finishedPath = (key: string) => path.join(root, key.slice(0, 2), key);

  /** Opens an unfinished blob for writing; one finished but not yet recorded as such is taken back. */
  async function openPending(key: string): Promise<FileHandle> {
    try {
      return await fsp.open(pendingPath(key), 'r+');
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    try {
      // a finish whose caller failed before recording it: the upload goes on, so the blob is unfinished again
      await fsp.rename(finishedPath(key), pendingPath(key));
    } catch (error) {
      if (isMissing(error)) throw new BlobError(`there is no unfinished blob ${key}`);
      throw error;
    }
    return fsp.open(pendingPath(key), 'r+');
  }

  return {
    async append(key, at, source) {
      checkKey(key);
      checkOffset(at, 'at');
      let handle: FileHandle;
      if (at === 0) {
        await fsp.mkdir(path.join(root, PENDING_DIR), { recursive: true, mode: 0o700 });
        handle = await fsp.open(pendingPath(key), 'w', 0o600);
      } else {
        handle = await openPending(key);
        const { size } = await handle.stat();
        if (size < at) {
          await handle.close();
          throw new BlobError(`blob ${key} holds ${size} bytes, fewer than the ${at} it should`);
        }
        if (size > at) await handle.truncate(at);
      }
      // the handle stays ours (autoClose off) so it can be synced before it is closed
      const sink = handle.createWriteStream({ start: at, autoClose: false, emitClose: false, highWaterMark: WRITE_BATCH });
      const flush = new EarlyFlush(handle);
      try {
        await pipeline(source, flush, sink);
        await flush.settled();
        await handle.sync();
        if (at === 0) await syncDirectory(path.join(root, PENDING_DIR));
        return sink.bytesWritten;
      } finally {
        // a stream still holds the handle until destroyed, and FileHandle#close waits for it
        sink.destroy();
        await flush.settled().catch(() => undefined);
        await handle.close();
      }
    },

    async head(key, length) {
      checkKey(key);
      checkOffset(length, 'length');
      let handle: FileHandle;
      try {
        handle = await fsp.open(pendingPath(key), 'r');
      } catch (error) {
        if (!isMissing(error)) throw error;
        handle = await fsp.open(finishedPath(key), 'r').catch((e: unknown) => {
          throw isMissing(e) ? new BlobError(`there is no blob ${key}`) : e;
        });
      }
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        if (bytesRead !== length) throw new BlobError(`blob ${key} is shorter than ${length} bytes`);
        return buffer;
      } finally {
        await handle.close();
      }
    },

    async finish(key, length) {
      checkKey(key);
      const finished = finishedPath(key);
      let size: number;
      try {
        size = (await fsp.stat(pendingPath(key))).size;
      } catch (error) {
        if (!isMissing(error)) throw error;
        const done = await fsp.stat(finished).catch(() => null);
        if (done?.size === length) return;
        throw new BlobError(`there is no unfinished blob ${key}`);
      }
      if (size !== length) throw new BlobError(`blob ${key} holds ${size} bytes, not the ${length} expected`);
      await fsp.mkdir(path.dirname(finished), { recursive: true, mode: 0o700 });
      await fsp.rename(pendingPath(key), finished);
      await syncDirectory(path.dirname(finished));
    },

    async open(key, range?: BlobRange) {
      checkKey(key);
      if (range) {
        checkOffset(range.start, 'start');
        checkOffset(range.end, 'end');
        if (range.end < range.start) throw new BlobError('the range ends before it starts');
      }
      const handle = await fsp.open(finishedPath(key), 'r').catch((e: unknown) => {
        throw isMissing(e) ? new BlobError(`there is no finished blob ${key}`) : e;
      });
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {}) as Readable;
    },

    async remove(key) {
      checkKey(key);
      await fsp.rm(pendingPath(key), { force: true });
      await fsp.rm(finishedPath(key), { force: true });
    },
  };
}
