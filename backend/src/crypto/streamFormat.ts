/**
 * The encrypted file format (segmented streaming AEAD in the Tink/age STREAM style): header layout, per-file key
 * derivation, segment nonces, sealing and opening one segment, and size/range arithmetic. The Node streams that
 * use it are in stream.ts; the byte layout is documented in README.md.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { DecryptionError } from './envelope';

export const MAGIC = Buffer.from('SPST', 'ascii');
export const FORMAT_VERSION = 1;
export const SALT_SIZE = 32;
export const NONCE_PREFIX_SIZE = 7;
export const TAG_SIZE = 16;
/** magic(4) ‖ version(1) ‖ segment size(4) ‖ salt(32) ‖ nonce prefix(7) */
export const HEADER_SIZE = 4 + 1 + 4 + SALT_SIZE + NONCE_PREFIX_SIZE;
/** Writers choose within [MIN, MAX]; readers accept any size up to MAX (the header is authenticated). */
export const MIN_SEGMENT_SIZE = 64 * 1024;
export const MAX_SEGMENT_SIZE = 1024 * 1024;
/**
 * 64 KiB (as age): tag overhead is 0.02%, a range download decrypts at most two segments it does not need, and
 * each stream holds about two segments in memory, which matters with many concurrent transfers.
 */
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;
/** The counter is 4 bytes. */
const MAX_SEGMENTS = 2 ** 32;
/** Node's HKDF refuses a longer info; ours is 9 header bytes plus the associated data. */
const MAX_AAD_BYTES = 1024 - 9;

export interface StreamHeader {
  segmentSize: number;
  salt: Buffer;
  noncePrefix: Buffer;
}

export type StreamFailure = 'header' | 'segment' | 'truncated' | 'trailing';

/** A DecryptionError that also says which check failed (for logs and tests; never shown to users). */
export class StreamDecryptionError extends DecryptionError {
  constructor(readonly reason: StreamFailure) {
    super();
    this.name = 'StreamDecryptionError';
  }
}

export function encodeStreamHeader(header: StreamHeader): Buffer {
  checkSegmentSize(header.segmentSize);
  if (header.salt.length !== SALT_SIZE || header.noncePrefix.length !== NONCE_PREFIX_SIZE) {
    throw new RangeError(`the salt must be ${SALT_SIZE} bytes and the nonce prefix ${NONCE_PREFIX_SIZE}`);
  }
  const out = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(out, 0);
  out.writeUInt8(FORMAT_VERSION, 4);
  out.writeUInt32BE(header.segmentSize, 5);
  header.salt.copy(out, 9);
  header.noncePrefix.copy(out, 9 + SALT_SIZE);
  return out;
}

export function parseStreamHeader(bytes: Buffer): StreamHeader {
  if (bytes.length !== HEADER_SIZE || !bytes.subarray(0, 4).equals(MAGIC) || bytes.readUInt8(4) !== FORMAT_VERSION) {
    throw new StreamDecryptionError('header');
  }
  const segmentSize = bytes.readUInt32BE(5);
  if (segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) throw new StreamDecryptionError('header');
  return {
    segmentSize,
    // copies, so the header does not pin a larger buffer it was sliced from
    salt: Buffer.from(bytes.subarray(9, 9 + SALT_SIZE)),
    noncePrefix: Buffer.from(bytes.subarray(9 + SALT_SIZE)),
  };
}

/** Seals and opens the segments of one file: key = HKDF-SHA256(data key, salt, header[0..9) ‖ aad). */
export class SegmentCipher {
  private readonly key: Buffer;
  private readonly noncePrefix: Buffer;

  constructor(dataKey: Buffer, aad: string, header: StreamHeader) {
    if (dataKey.length !== 32) throw new RangeError('the data key must be 32 bytes');
    const aadBytes = Buffer.from(aad, 'utf8');
    if (aadBytes.length > MAX_AAD_BYTES) throw new RangeError(`the associated data must be ≤ ${MAX_AAD_BYTES} bytes`);
    // binding magic, version and segment size into the key makes a changed header fail the first segment
    const info = Buffer.concat([encodeStreamHeader(header).subarray(0, 9), aadBytes]);
    this.key = Buffer.from(hkdfSync('sha256', dataKey, header.salt, info, 32));
    this.noncePrefix = header.noncePrefix;
  }

  seal(index: number, last: boolean, plaintext: Buffer): Buffer {
    const [ciphertext, tag] = this.sealParts(index, last, plaintext);
    return Buffer.concat([ciphertext, tag], ciphertext.length + TAG_SIZE);
  }

  /**
   * The sealed segment as ciphertext and tag, to be written one after the other: a stream that pushes both saves the
   * copy that joining them costs (about a quarter of the time of sealing a 64 KiB segment).
   */
  sealParts(index: number, last: boolean, plaintext: Buffer): [ciphertext: Buffer, tag: Buffer] {
    const cipher = createCipheriv('aes-256-gcm', this.key, this.nonce(index, last), { authTagLength: TAG_SIZE });
    const ciphertext = cipher.update(plaintext);
    // GCM keeps no partial block back: final() adds nothing, it only makes the tag
    cipher.final();
    return [ciphertext, cipher.getAuthTag()];
  }

  /** Returns the plaintext only once the tag has verified: GCM's update() alone releases unauthenticated bytes. */
  open(index: number, last: boolean, sealed: Buffer): Buffer {
    const parts = this.openParts(index, last, [sealed]);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /**
   * open() for a sealed segment that arrived in pieces (file reads rarely end where segments do): the pieces go
   * through the cipher as they are, which saves joining them first. The plaintext comes back in as many pieces, all
   * of them only once the tag has verified; an empty segment gives none.
   */
  openParts(index: number, last: boolean, sealed: readonly Buffer[]): Buffer[] {
    const { body, tag } = splitTag(sealed);
    const decipher = createDecipheriv('aes-256-gcm', this.key, this.nonce(index, last), { authTagLength: TAG_SIZE });
    decipher.setAuthTag(tag);
    try {
      const plaintext = body.map((part) => decipher.update(part));
      // final() checks the tag; GCM keeps no bytes back, so it adds none
      const rest = decipher.final();
      return [...plaintext, rest].filter((part) => part.length > 0);
    } catch {
      throw new StreamDecryptionError('segment');
    }
  }

  /** nonce prefix(7) ‖ segment index, big-endian(4) ‖ 1 if last else 0 */
  private nonce(index: number, last: boolean): Buffer {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_SEGMENTS) {
      throw new RangeError('the file has more segments than the format allows; use a larger segment size');
    }
    const nonce = Buffer.alloc(12);
    this.noncePrefix.copy(nonce, 0);
    nonce.writeUInt32BE(index, NONCE_PREFIX_SIZE);
    nonce.writeUInt8(last ? 1 : 0, 11);
    return nonce;
  }
}

/** A sealed segment in pieces → its ciphertext pieces and its 16-byte tag (joined only if the pieces split it). */
function splitTag(sealed: readonly Buffer[]): { body: Buffer[]; tag: Buffer } {
  const length = sealed.reduce((sum, part) => sum + part.length, 0);
  if (length < TAG_SIZE) throw new StreamDecryptionError('truncated');
  let bodyLeft = length - TAG_SIZE;
  const body: Buffer[] = [];
  const tag: Buffer[] = [];
  for (const part of sealed) {
    const inBody = Math.min(bodyLeft, part.length);
    if (inBody > 0) body.push(part.subarray(0, inBody));
    if (inBody < part.length) tag.push(part.subarray(inBody));
    bodyLeft -= inBody;
  }
  return { body, tag: tag.length === 1 ? tag[0]! : Buffer.concat(tag, TAG_SIZE) };
}

/** Every file has at least one segment: an empty file is a single, final, empty segment. */
export function segmentCount(plainSize: number, segmentSize: number): number {
  checkSize(plainSize, 'plainSize');
  checkSegmentSize(segmentSize);
  return plainSize === 0 ? 1 : Math.ceil(plainSize / segmentSize);
}

export function encryptedSize(plainSize: number, segmentSize: number): number {
  return HEADER_SIZE + plainSize + segmentCount(plainSize, segmentSize) * TAG_SIZE;
}

/** Plaintext bytes in segment `index` of a file of `plainSize` bytes. */
export function segmentPlainSize(index: number, plainSize: number, segmentSize: number): number {
  const count = segmentCount(plainSize, segmentSize);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError('no such segment');
  return index === count - 1 ? plainSize - index * segmentSize : segmentSize;
}

export interface SegmentRange {
  firstSegment: number;
  lastSegment: number;
  /** Offsets in the encrypted file, both inclusive (as HTTP ranges and fs.createReadStream). */
  cipherStart: number;
  cipherEnd: number;
  /** Plaintext bytes to drop from the start of the first segment. */
  skip: number;
  /** Plaintext bytes in the requested range. */
  length: number;
}

/**
 * Maps the plaintext byte range [start, end] (inclusive, as HTTP) to the segments that hold it. With `plainSize`,
 * `end` is clamped to the file and `cipherEnd` is exact; without it, `cipherEnd` assumes a full last segment and
 * may point past the end of the file (reads stop there anyway).
 */
export function segmentRangeFor(start: number, end: number, segmentSize: number, plainSize?: number): SegmentRange {
  checkSize(start, 'start');
  checkSize(end, 'end');
  checkSegmentSize(segmentSize);
  if (plainSize !== undefined) {
    checkSize(plainSize, 'plainSize');
    if (start >= plainSize) throw new RangeError('the range starts after the end of the file');
    end = Math.min(end, plainSize - 1);
  }
  if (end < start) throw new RangeError('the range ends before it starts');
  const firstSegment = Math.floor(start / segmentSize);
  const lastSegment = Math.floor(end / segmentSize);
  const sealedSize = segmentSize + TAG_SIZE;
  const lastPlain = plainSize === undefined ? segmentSize : segmentPlainSize(lastSegment, plainSize, segmentSize);
  return {
    firstSegment,
    lastSegment,
    cipherStart: HEADER_SIZE + firstSegment * sealedSize,
    cipherEnd: HEADER_SIZE + lastSegment * sealedSize + lastPlain + TAG_SIZE - 1,
    skip: start - firstSegment * segmentSize,
    length: end - start + 1,
  };
}

function checkSegmentSize(segmentSize: number): void {
  if (!Number.isInteger(segmentSize) || segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) {
    throw new RangeError(`the segment size must be an integer from 1 to ${MAX_SEGMENT_SIZE}`);
  }
}

function checkSize(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}
