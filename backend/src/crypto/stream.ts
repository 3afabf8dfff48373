/**
 * Streaming encryption of file bytes (format in streamFormat.ts and README.md). Each stream holds about one
 * segment at a time, so memory stays flat for any file size, and no plaintext of a segment is released before
 * its tag has verified. A decrypt stream that errors has still released the earlier, authentic segments: a
 * consumer must treat the error as "the file is unusable" (abort the download), never as a short file.
 */
import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import {
  DEFAULT_SEGMENT_SIZE,
  HEADER_SIZE,
  MAX_SEGMENT_SIZE,
  MIN_SEGMENT_SIZE,
  NONCE_PREFIX_SIZE,
  SALT_SIZE,
  SegmentCipher,
  StreamDecryptionError,
  TAG_SIZE,
  encodeStreamHeader,
  parseStreamHeader,
  segmentCount,
} from './streamFormat';

export {
  DEFAULT_SEGMENT_SIZE,
  HEADER_SIZE,
  MAX_SEGMENT_SIZE,
  MIN_SEGMENT_SIZE,
  StreamDecryptionError,
  encryptedSize,
  parseStreamHeader,
  segmentRangeFor,
} from './streamFormat';
export type { SegmentRange, StreamFailure, StreamHeader } from './streamFormat';

export interface EncryptStreamOptions {
  /** The file's own 256-bit data key (wrapped elsewhere with wrapDataKey). */
  dataKey: Buffer;
  /** Where the file belongs, e.g. aadFor(orgId, 'file', fileId); decryption needs the same string. */
  aad: string;
  /** Plaintext bytes per segment, MIN_SEGMENT_SIZE..MAX_SEGMENT_SIZE; DEFAULT_SEGMENT_SIZE if omitted. */
  segmentSize?: number;
  /** Tests only: fixed salt and nonce prefix for known-answer tests, and segment sizes below the minimum. */
  testing?: { salt?: Buffer; noncePrefix?: Buffer; segmentSize?: number };
}

export interface DecryptStreamOptions {
  dataKey: Buffer;
  aad: string;
}

export interface DecryptSegmentsOptions extends DecryptStreamOptions {
  /** The file's first HEADER_SIZE bytes, read separately. */
  header: Buffer;
  /** The file's plaintext size (from its metadata): says which segment is last and how long each one is. */
  plainSize: number;
  /** The segment the input starts with. */
  firstSegment: number;
  /** The last segment the input must hold; the file's last if omitted. */
  lastSegment?: number;
  /** Plaintext bytes to drop from the start of the first segment (SegmentRange.skip). */
  skip?: number;
  /** Plaintext bytes to emit at most (SegmentRange.length). */
  length?: number;
}

export function createEncryptStream(options: EncryptStreamOptions): Transform {
  const { testing } = options;
  const segmentSize = testing?.segmentSize ?? options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  if (testing?.segmentSize === undefined && (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE)) {
    throw new RangeError(`the segment size must be from ${MIN_SEGMENT_SIZE} to ${MAX_SEGMENT_SIZE} bytes`);
  }
  const header = {
    segmentSize,
    salt: testing?.salt ?? randomBytes(SALT_SIZE),
    noncePrefix: testing?.noncePrefix ?? randomBytes(NONCE_PREFIX_SIZE),
  };
  const cipher = new SegmentCipher(options.dataKey, options.aad, header);
  const queue = new ByteQueue();
  let index = 0;

  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        queue.push(chunk);
        // a full segment is held back: only the end of the input tells whether it is the last one
        while (queue.length > segmentSize) pushAll(this, cipher.sealParts(index++, false, queue.take(segmentSize)));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, cipher.seal(index++, true, queue.take(queue.length)));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  stream.push(encodeStreamHeader(header));
  return stream;
}

/** Decrypts a whole encrypted file: header, then every segment through the last-flagged one. */
export function createDecryptStream(options: DecryptStreamOptions): Transform {
  const queue = new ByteQueue();
  let cipher: SegmentCipher | undefined;
  let sealedSize = 0;
  let index = 0;

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        queue.push(chunk);
        if (!cipher) {
          if (queue.length < HEADER_SIZE) return callback();
          const header = parseStreamHeader(queue.take(HEADER_SIZE));
          cipher = new SegmentCipher(options.dataKey, options.aad, header);
          sealedSize = header.segmentSize + TAG_SIZE;
        }
        // hold back one sealed segment: only the end of the input tells whether it must carry the last flag
        while (queue.length > sealedSize) pushAll(this, cipher.openParts(index++, false, queue.takeParts(sealedSize)));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        if (!cipher) throw new StreamDecryptionError('truncated');
        pushAll(this, openLast(cipher, index, queue.takeParts(queue.length), sealedSize));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

function pushAll(stream: Transform, parts: Buffer[]): void {
  for (const part of parts) stream.push(part);
}

function openLast(cipher: SegmentCipher, index: number, sealed: Buffer[], sealedSize: number): Buffer[] {
  let plain: Buffer[];
  try {
    plain = cipher.openParts(index, true, sealed);
  } catch (error) {
    // a full segment that opens as a middle one means the real last segment was cut off: say so in the log
    const length = sealed.reduce((sum, part) => sum + part.length, 0);
    if (length === sealedSize && opensAsMiddle(cipher, index, sealed)) {
      throw new StreamDecryptionError('truncated');
    }
    throw error;
  }
  // only an empty file ends in an empty segment; anything else is not what createEncryptStream writes
  if (plain.length === 0 && index > 0) throw new StreamDecryptionError('segment');
  return plain;
}

function opensAsMiddle(cipher: SegmentCipher, index: number, sealed: Buffer[]): boolean {
  try {
    cipher.openParts(index, false, sealed);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decrypts segments firstSegment..lastSegment of a file whose header was read separately, for range downloads:
 * the input is exactly the bytes SegmentRange.cipherStart..cipherEnd. Throws at once if the header is invalid.
 */
export function createDecryptSegmentsStream(options: DecryptSegmentsOptions): Transform {
  const header = parseStreamHeader(options.header);
  const cipher = new SegmentCipher(options.dataKey, options.aad, header);
  const { segmentSize } = header;
  const finalIndex = segmentCount(options.plainSize, segmentSize) - 1;
  const lastSegment = options.lastSegment ?? finalIndex;
  if (!Number.isInteger(options.firstSegment) || options.firstSegment < 0 || options.firstSegment > lastSegment) {
    throw new RangeError('firstSegment must be from 0 to lastSegment');
  }
  if (!Number.isInteger(lastSegment) || lastSegment > finalIndex) throw new RangeError('the file has no such segment');
  const sealedSizeOf = (i: number) =>
    (i === finalIndex ? options.plainSize - finalIndex * segmentSize : segmentSize) + TAG_SIZE;
  const queue = new ByteQueue();
  let index = options.firstSegment;
  let toSkip = options.skip ?? 0;
  let toEmit = options.length ?? Number.POSITIVE_INFINITY;

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        queue.push(chunk);
        while (index <= lastSegment && queue.length >= sealedSizeOf(index)) {
          const plain = cipher.open(index, index === finalIndex, queue.take(sealedSizeOf(index)));
          index++;
          const from = Math.min(toSkip, plain.length);
          const count = Math.min(plain.length - from, toEmit);
          toSkip -= from;
          toEmit -= count;
          if (count > 0) this.push(plain.subarray(from, from + count));
        }
        if (index > lastSegment && queue.length > 0) throw new StreamDecryptionError('trailing');
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      callback(index > lastSegment ? null : new StreamDecryptionError('truncated'));
    },
  });
}

/** A FIFO of byte chunks that hands out exact-length slices without concatenating everything it holds. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private head = 0;
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  take(size: number): Buffer {
    const parts = this.takeParts(size);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
  }

  /** The next `size` bytes as the pieces they arrived in (no copy); none when size is 0. */
  takeParts(size: number): Buffer[] {
    if (size > this.length) throw new RangeError('not enough bytes queued');
    const parts: Buffer[] = [];
    let need = size;
    while (need > 0) {
      const chunk = this.chunks[this.head]!;
      if (chunk.length <= need) {
        parts.push(chunk);
        this.head++;
        need -= chunk.length;
      } else {
        parts.push(chunk.subarray(0, need));
        this.chunks[this.head] = chunk.subarray(need);
        need = 0;
      }
    }
    // drop consumed chunks now and then rather than shifting the array on every take
    if (this.head > 64 || this.head === this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
    this.length -= size;
    return parts;
  }
}
