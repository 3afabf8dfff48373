/**
 * Lets the disk write while an append is still receiving. Linux keeps written bytes in memory until gigabytes are
 * dirty or 30 seconds pass, so without help the fsync that makes an append durable writes the whole chunk only once
 * the network is done with it: receiving and writing take turns. Every FLUSH_EVERY bytes this starts an fdatasync in
 * the background (one at a time, never waited for on the way), and the final fsync finds little left to write.
 * Durability does not depend on it: the caller still syncs at the end.
 */
import type { FileHandle } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';

const FLUSH_EVERY = 8 * 1024 * 1024;

export class EarlyFlush extends Transform {
  private sinceFlush = 0;
  private inFlight: Promise<void> | null = null;
  /** A background flush that failed; reported by settled(), because Linux tells a write error to one fsync only. */
  private failure: unknown = null;

  constructor(private readonly handle: FileHandle) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sinceFlush += chunk.length;
    if (this.sinceFlush >= FLUSH_EVERY && !this.inFlight) {
      this.sinceFlush = 0;
      this.inFlight = this.handle.datasync().then(
        () => {
          this.inFlight = null;
        },
        (error: unknown) => {
          this.failure ??= error;
          this.inFlight = null;
        },
      );
    }
    callback(null, chunk);
  }

  /** Waits for the flush under way, if any; rejects if any background flush failed. */
  async settled(): Promise<void> {
    await this.inFlight;
    if (this.failure !== null) throw this.failure;
  }
}
