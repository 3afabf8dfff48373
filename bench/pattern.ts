/**
 * Deterministic pseudo-random file content for the upload benchmark, made piece by piece so gigabytes never sit in
 * memory: the AES-128-CTR keystream of a fixed key, addressed by position, so any 16-byte-aligned offset can be
 * made again without making what comes before it. Random-looking bytes, so nothing compresses or dedupes them.
 */
import { createCipheriv } from 'node:crypto';

const KEY = Buffer.from('sealpost-bench-k', 'ascii');
/** Largest piece made at once (the CTR input is a slice of zeros this long). */
export const PIECE_SIZE = 1024 * 1024;
const ZEROS = Buffer.alloc(PIECE_SIZE);

/** `length` (≤ PIECE_SIZE) bytes of the pattern starting at byte `offset` (a multiple of 16). */
export function patternAt(offset: number, length: number): Buffer {
  if (offset % 16 !== 0 || length > PIECE_SIZE) throw new RangeError('pattern pieces start on a 16-byte block and hold at most PIECE_SIZE bytes');
  const counter = Buffer.alloc(16);
  counter.writeBigUInt64BE(BigInt(offset / 16), 8);
  return createCipheriv('aes-128-ctr', KEY, counter).update(ZEROS.subarray(0, length));
}

/** The pattern from `offset` for `length` bytes, in pieces of at most PIECE_SIZE. */
export function* patternPieces(offset: number, length: number): Generator<Buffer> {
  for (let at = offset; at < offset + length; at += PIECE_SIZE) yield patternAt(at, Math.min(PIECE_SIZE, offset + length - at));
}
