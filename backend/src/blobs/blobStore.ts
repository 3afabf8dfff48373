/**
 * Where encrypted file bytes live. Blobs are named by random keys (never by file names or record ids) and hold
 * only ciphertext. A blob is written by appends while it is unfinished and becomes readable, whole, when finished.
 *
 * The shape fits object storage too (azureBlobStore.ts): `append` stages blocks and commits them with the blocks
 * so far (`at` says which of those to keep), `finish` marks the blob finished, `head` and `open` are ranged GETs,
 * `remove` deletes the blob with any blocks still staged.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Inclusive byte offsets, as HTTP ranges. */
export interface BlobRange {
  start: number;
  end: number;
}

export interface BlobStore {
  /**
   * Appends `source` to the unfinished blob `key`, which must hold exactly `at` bytes first: bytes past `at` (left by
   * an append that was cut off) are dropped, fewer is an error. `at` = 0 starts the blob. Resolves once the bytes are
   * durable, with how many were appended; rejects if `source` fails (the caller then does not count those bytes).
   */
  append(key: string, at: number, source: Readable): Promise<number>;
  /** The first `length` bytes of a blob, finished or not (the encrypted file format keeps its header there). */
  head(key: string, length: number): Promise<Buffer>;
  /** Makes the unfinished blob readable under its key in one step; it must hold `length` bytes. Repeatable. */
  finish(key: string, length: number): Promise<void>;
  /** Streams a finished blob, or the bytes of `range`; rejects before streaming if there is no such blob. */
  open(key: string, range?: BlobRange): Promise<Readable>;
  /** Deletes a blob, finished or not; nothing happens if there is none. */
  remove(key: string): Promise<void>;
}

export class BlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlobError';
  }
}

/** 128 random bits, hex: says nothing about what the blob holds or whose it is. */
export function newBlobKey(): string {
  return randomBytes(16).toString('hex');
}

export const BLOB_KEY = /^[0-9a-f]{32}$/;
