/**
 * Seals one upload chunk into whole segments of a file's stream (format in crypto/README.md), continuing at the
 * segment where the stored part ends. createEncryptStream cannot do this: it starts a new header and only learns
 * at the end of its input which segment is last, while an upload knows the file's size from the start and is
 * written by many requests.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { errors } from '../errors';
import { HEADER_SIZE, TAG_SIZE, segmentCount, segmentPlainSize, type SegmentCipher } from '../crypto/streamFormat';

export interface SealerOptions {
  segmentSize: number;
  /** The file's declared plaintext size: says which segment carries the last flag and how long it is. */
  plainSize: number;
  /** Plaintext bytes already stored; a multiple of the segment size while the upload is unfinished. */
  received: number;
}

/** Bytes of the stored (encrypted) blob that hold the first `received` plaintext bytes, header included. */
export function storedLength(received: number, segmentSize: number): number {
  return HEADER_SIZE + received + Math.ceil(received / segmentSize) * TAG_SIZE;
}

/**
 * A Transform from plaintext to sealed segments. A segment is sealed only once all its bytes are here; bytes left
 * over at the end are dropped, not sealed: sealing them now and the rest later would put two different plaintexts
 * under one nonce, and keeping them unsealed would store plaintext. The client resends them (Upload-Offset says
 * where to resume). More bytes than the file's size is an error.
 */
export class SegmentSealer extends Transform {
  private readonly finalIndex: number;
  private readonly buffer: Buffer;
  private index: number;
  private filled = 0;
  /** Plaintext bytes sealed so far; the upload offset moves by this much. */
  accepted = 0;
  /** Sealed bytes pushed so far (plaintext plus one tag per segment). */
  sealedBytes = 0;

  constructor(
    private readonly cipher: SegmentCipher,
    private readonly options: SealerOptions,
  ) {
    super();
    const { segmentSize, plainSize, received } = options;
    if (received % segmentSize !== 0 || received >= plainSize) throw new RangeError('the upload must continue at a segment boundary before its end');
    this.finalIndex = segmentCount(plainSize, segmentSize) - 1;
    this.index = received / segmentSize;
    this.buffer = Buffer.alloc(segmentPlainSize(this.index, plainSize, segmentSize));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      let at = 0;
      while (at < chunk.length) {
        if (this.index > this.finalIndex) throw errors.uploadExceedsSize(this.options.plainSize);
        const size = segmentPlainSize(this.index, this.options.plainSize, this.options.segmentSize);
        const taken = Math.min(size - this.filled, chunk.length - at);
        chunk.copy(this.buffer, this.filled, at, at + taken);
        this.filled += taken;
        at += taken;
        if (this.filled === size) this.sealSegment(size);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    this.buffer.fill(0);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.buffer.fill(0);
    callback(error);
  }

  private sealSegment(size: number): void {
    // Ciphertext and tag go out as two pieces: joining them would copy every segment once more.
    const [ciphertext, tag] = this.cipher.sealParts(this.index, this.index === this.finalIndex, this.buffer.subarray(0, size));
    this.index++;
    this.filled = 0;
    this.accepted += size;
    this.sealedBytes += ciphertext.length + tag.length;
    this.push(ciphertext);
    this.push(tag);
  }
}

/**
 * Pipes a request body into the sealer. A client that drops the connection has still sent whole segments worth
 * keeping, so a cut-off body ends the sealer normally (its sealed segments are stored) instead of failing it.
 * The sealer fails on its own when the body overruns the file's size, possibly before whoever stores its output
 * has started listening (the blob store opens its file first): the failure is held here, so it is never an
 * unhandled 'error' that ends the process, and the sealer's consumer still sees it (an errored stream stays so).
 */
export function feedSealer(body: Readable, sealer: SegmentSealer, idleMs: number): void {
  // a body that stops sending holds the upload (one writer at a time): past idleMs without a byte, it is cut off
  let idle: NodeJS.Timeout | undefined;
  const stopWaiting = () => clearTimeout(idle);
  const waitForMore = () => {
    stopWaiting();
    // paused means the sealer or the disk is behind, not the client: that wait does not count
    idle = setTimeout(() => (body.isPaused() ? waitForMore() : body.destroy()), idleMs);
  };
  sealer.on('error', () => {
    stopWaiting();
    body.unpipe(sealer);
  });
  const cutOff = () => {
    stopWaiting();
    body.unpipe(sealer);
    if (!sealer.writableEnded && !sealer.destroyed) sealer.end();
  };
  body.once('error', cutOff);
  body.once('close', () => {
    if (!body.readableEnded) cutOff();
  });
  body.on('data', waitForMore);
  body.once('end', stopWaiting);
  waitForMore();
  // the body may have been cut off while the request was authenticated, before anyone listened
  if (body.destroyed) return cutOff();
  body.pipe(sealer);
}
