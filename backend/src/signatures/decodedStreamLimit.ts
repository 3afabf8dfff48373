/**
 * A cap on how far pdf-lib may inflate one stream. While it loads a file, pdf-lib decodes every object stream and
 * cross-reference stream into memory with no limit, so a 25 MB upload of compressed blanks would inflate to some
 * 25 GB and take the process down. pdf-lib has no option for this, so the buffer growth of its stream decoder
 * (the base class of its Flate, LZW, ASCII85 and ASCIIHex decoders) is wrapped once to refuse past the cap.
 * boundedPdf.test.ts loads such a file, so an upgrade of pdf-lib that goes around this wrapper fails it.
 */
import DecodeStream from 'pdf-lib/cjs/core/streams/DecodeStream';

/** Far more than any real object or cross-reference stream holds. */
export const MAX_DECODED_STREAM_BYTES = 32 * 1024 * 1024;

let installed = false;

export function limitDecodedStreams(): void {
  if (installed) return;
  installed = true;
  const decoder = DecodeStream.prototype as unknown as { ensureBuffer(this: unknown, requested: number): Uint8Array };
  const ensureBuffer = decoder.ensureBuffer;
  decoder.ensureBuffer = function ensureBoundedBuffer(requested: number) {
    if (requested > MAX_DECODED_STREAM_BYTES) throw new RangeError(`A stream in this PDF decodes to more than ${MAX_DECODED_STREAM_BYTES} bytes.`);
    return ensureBuffer.call(this, requested);
  };
}
