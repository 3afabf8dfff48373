/**
 * Caps on how far pdf-lib may inflate the streams of one file. While it loads a file, pdf-lib decodes every object
 * stream and cross-reference stream into memory with no limit, so a 25 MB upload of compressed blanks would inflate
 * to some 25 GB and take the process down, and forty streams each just under a per-stream cap still add up to
 * gigabytes and many seconds of work. pdf-lib has no option for this, so the buffer growth of its stream decoder
 * (the base class of its Flate, LZW, ASCII85 and ASCIIHex decoders) is wrapped once to refuse past a per-stream
 * cap, past a total for the load under way and past that load's deadline. The total and the deadline live in an
 * AsyncLocalStorage because loads yield to the event loop and several can be under way at once.
 * boundedPdf.test.ts loads such files, so an upgrade of pdf-lib that goes around this wrapper fails it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import DecodeStream from 'pdf-lib/cjs/core/streams/DecodeStream';

/** Far more than any real object or cross-reference stream holds. */
export const MAX_DECODED_STREAM_BYTES = 32 * 1024 * 1024;

/** What one load may still decode, and until when it may run. */
export interface DecodeBudget {
  maxDecodedBytes: number;
  deadline: number;
}

interface RunningBudget extends DecodeBudget {
  decodedBytes: number;
}

const budgets = new AsyncLocalStorage<RunningBudget>();

/** The largest buffer each decoder has asked for so far, so that only growth is charged to the load's total. */
const grownTo = new WeakMap<object, number>();

/** Runs `load` with every stream it decodes, across all its awaits, charged to one total and one deadline. */
export function withDecodeBudget<T>(budget: DecodeBudget, load: () => Promise<T>): Promise<T> {
  return budgets.run({ ...budget, decodedBytes: 0 }, load);
}

let installed = false;

export function limitDecodedStreams(): void {
  if (installed) return;
  installed = true;
  const decoder = DecodeStream.prototype as unknown as { ensureBuffer(this: object, requested: number): Uint8Array };
  const ensureBuffer = decoder.ensureBuffer;
  decoder.ensureBuffer = function ensureBoundedBuffer(this: object, requested: number) {
    if (requested > MAX_DECODED_STREAM_BYTES) throw new RangeError(`A stream in this PDF decodes to more than ${MAX_DECODED_STREAM_BYTES} bytes.`);
    const budget = budgets.getStore();
    if (budget) {
      const before = grownTo.get(this) ?? 0;
      if (requested > before) {
        grownTo.set(this, requested);
        budget.decodedBytes += requested - before;
      }
      if (budget.decodedBytes > budget.maxDecodedBytes) throw new RangeError(`The streams of this PDF decode to more than ${budget.maxDecodedBytes} bytes in all.`);
      if (Date.now() > budget.deadline) throw new RangeError('This PDF took too long to decode.');
    }
    return ensureBuffer.call(this, requested);
  };
}
