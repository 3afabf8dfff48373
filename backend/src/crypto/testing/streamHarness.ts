/** Test helpers for the file streams: feed bytes in small chunks and keep what came out before any error. */
import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createEncryptStream, type EncryptStreamOptions } from '../stream';

export interface StreamRun {
  /** What the consumer read. */
  output: Buffer;
  /** Everything the stream pushed, read or not: an error discards unread data, so this is the stricter view. */
  released: Buffer;
  error?: Error;
}

/** Small odd chunks so segment boundaries fall inside chunks, as with real sockets. */
export async function runStream(stream: Transform, input: Buffer, chunkSize = 7): Promise<StreamRun> {
  const parts: Buffer[] = [];
  const pushed: Buffer[] = [];
  const push = stream.push.bind(stream);
  stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (Buffer.isBuffer(chunk)) pushed.push(chunk);
    return push(chunk, encoding);
  };
  let error: Error | undefined;
  try {
    await pipeline(Readable.from(chunksOf(input, chunkSize)), stream, async (source: AsyncIterable<Buffer>) => {
      for await (const part of source) parts.push(part);
    });
  } catch (caught) {
    error = caught as Error;
  }
  return { output: Buffer.concat(parts), released: Buffer.concat(pushed), error };
}

function* chunksOf(input: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < input.length; at += size) yield input.subarray(at, at + size);
}

export async function encryptAll(plain: Buffer, options: EncryptStreamOptions): Promise<Buffer> {
  const { output, error } = await runStream(createEncryptStream(options), plain);
  if (error) throw error;
  return output;
}

export function flipBit(bytes: Buffer, at: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ (1 << bit);
  return copy;
}

export function newKey(): Buffer {
  return randomBytes(32);
}
