/** Early flushing during an append: bytes pass unchanged, flushes start on the way, and a failed one is not lost. */
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EarlyFlush } from './earlyFlush';

const MiB = 1024 * 1024;

function collect(into: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      into.push(chunk);
      callback();
    },
  });
}

test('when 20 MB pass through, then they arrive unchanged and flushes were started on the way, one at a time', async () => {
  let flushes = 0;
  let running = 0;
  let mostAtOnce = 0;
  const datasync = async () => {
    flushes++;
    mostAtOnce = Math.max(mostAtOnce, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
  };
  const handle = { datasync } as unknown as FileHandle;
  const input = randomBytes(20 * MiB);
  const output: Buffer[] = [];
  const flush = new EarlyFlush(handle);
  await pipeline(Readable.from([input.subarray(0, 9 * MiB), input.subarray(9 * MiB, 18 * MiB), input.subarray(18 * MiB)]), flush, collect(output));
  await flush.settled();
  expect(Buffer.concat(output).equals(input)).toBe(true);
  expect(flushes).toBeGreaterThanOrEqual(1);
  expect(mostAtOnce).toBe(1);
});

test('when fewer bytes than one flush interval pass, then no flush is started', async () => {
  let flushes = 0;
  const handle = { datasync: async () => void flushes++ } as unknown as FileHandle;
  const flush = new EarlyFlush(handle);
  await pipeline(Readable.from([Buffer.alloc(MiB)]), flush, collect([]));
  await flush.settled();
  expect(flushes).toBe(0);
});

test('when a background flush fails, then settled() reports it even though the bytes went through', async () => {
  const handle = { datasync: () => Promise.reject(new Error('EIO: i/o error, fdatasync')) } as unknown as FileHandle;
  const flush = new EarlyFlush(handle);
  await pipeline(Readable.from([Buffer.alloc(9 * MiB)]), flush, collect([]));
  await expect(flush.settled()).rejects.toThrow('EIO');
});
