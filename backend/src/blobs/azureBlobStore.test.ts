/**
 * The Azure blob store against a real Azurite on loopback: the blob store contract, then what block blobs add —
 * appends spanning several blocks, a cut-off chunk retried without duplicated data, few blocks from many small
 * chunks, and 50 MB streamed up and down while the test process's memory stays flat.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { startAzurite, type Azurite } from '../testing/azurite';
import { BlobError, newBlobKey } from './blobStore';
import { blobStoreContract, failing, from } from './testing/blobStoreContract';
import { azureBlobStore, openAzureBlobStore } from './azureBlobStore';

let azurite: Azurite;
let container: ContainerClient;
beforeAll(async () => {
  azurite = await startAzurite();
  await openAzureBlobStore({ connectionString: azurite.connectionString, container: 'blobs' });
  container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('blobs');
});
afterAll(async () => {
  await azurite?.stop();
});

blobStoreContract(() => azureBlobStore(container));

/** Sends `size` bytes in 64 KiB pieces without holding them: byte i is a function of i alone. */
function patterned(size: number, hash = createHash('sha256')): { stream: Readable; hash: typeof hash } {
  const piece = 64 * 1024;
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const part = Buffer.alloc(Math.min(piece, size - sent));
      for (let i = 0; i < part.length; i += 4) part.writeUInt32BE((sent + i) >>> 0, i);
      sent += part.length;
      hash.update(part);
      this.push(part);
    },
  });
  return { stream, hash };
}

const committed = async (key: string) => (await container.getBlockBlobClient(key).getBlockList('committed')).committedBlocks ?? [];

test('when the store is opened on a container that does not exist, then it is created', async () => {
  await openAzureBlobStore({ connectionString: azurite.connectionString, container: 'made-at-start' });
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  expect(await service.getContainerClient('made-at-start').exists()).toBe(true);
});

test('when an append spans several blocks and a later one resumes inside a block, then every byte is in place once', async () => {
  const blobs = azureBlobStore(container, 8);
  const key = newBlobKey();
  await blobs.append(key, 0, from('abcdefgh', 'ijklmnop', 'qrst'));
  expect((await committed(key)).map((b) => b.size)).toEqual([8, 8, 4]);
  // offset 10 falls inside the second block: its first two bytes are carried into the next append's first block
  await blobs.append(key, 10, from('KLMNOPQRSTUV'));
  await blobs.finish(key, 22);
  expect(await text(await blobs.open(key))).toBe('abcdefghijKLMNOPQRSTUV');
  expect(await text(await blobs.open(key, { start: 7, end: 12 }))).toBe('hijKLM');
});

test('when a chunk is cut off after some of its blocks were staged, then its retry stores each byte once', async () => {
  const blobs = azureBlobStore(container, 4);
  const key = newBlobKey();
  await blobs.append(key, 0, from('head'));
  await expect(blobs.append(key, 4, failing('0123456789abcdef'))).rejects.toThrow('cut off');
  expect((await committed(key)).map((b) => b.size)).toEqual([4]);
  await blobs.append(key, 4, from('01234567'));
  await blobs.finish(key, 12);
  expect(await text(await blobs.open(key))).toBe('head01234567');
  const blocks = await committed(key);
  expect(blocks.reduce((sum, b) => sum + b.size, 0)).toBe(12);
  expect(new Set(blocks.map((b) => b.name)).size).toBe(blocks.length);
});

test('when an upload arrives in many small chunks, then its small blocks are merged rather than piling up', async () => {
  const blobs = azureBlobStore(container);
  const key = newBlobKey();
  let at = 0;
  for (let i = 0; i < 20; i++) at += await blobs.append(key, at, from(`chunk ${String(i).padStart(2, '0')};`));
  await blobs.finish(key, at);
  expect(await committed(key)).toHaveLength(1);
  expect(await text(await blobs.open(key))).toBe(Array.from({ length: 20 }, (_, i) => `chunk ${String(i).padStart(2, '0')};`).join(''));
});

test('when a blob is unfinished, then open refuses it but head reads its first bytes', async () => {
  const blobs = azureBlobStore(container);
  const key = newBlobKey();
  await blobs.append(key, 0, from('header'));
  await expect(blobs.open(key)).rejects.toThrow(BlobError);
  expect((await blobs.head(key, 3)).toString()).toBe('hea');
  await expect(blobs.head(key, 7)).rejects.toThrow(BlobError);
});

test('when 50 MB are streamed up and down, then the memory of the process stays flat', async () => {
  const blobs = azureBlobStore(container);
  const key = newBlobKey();
  const size = 50 * 1024 * 1024;
  // a first, smaller round trip: the baseline then includes the client's connections and the heap they settle at
  const warmKey = newBlobKey();
  await blobs.append(warmKey, 0, patterned(12 * 1024 * 1024).stream);
  await blobs.finish(warmKey, 12 * 1024 * 1024);
  for await (const part of await blobs.open(warmKey)) void part;
  await blobs.remove(warmKey);
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 10);
  try {
    const sent = patterned(size);
    const upStart = performance.now();
    expect(await blobs.append(key, 0, sent.stream)).toBe(size);
    const upMs = performance.now() - upStart;
    await blobs.finish(key, size);
    const received = createHash('sha256');
    let length = 0;
    const downStart = performance.now();
    for await (const part of await blobs.open(key)) {
      received.update(part as Buffer);
      length += (part as Buffer).length;
    }
    const downMs = performance.now() - downStart;
    expect(length).toBe(size);
    expect(received.digest('hex')).toBe(sent.hash.digest('hex'));
    const growthMb = (rssPeak - rssBefore) / 1024 / 1024;
    process.stdout.write(
      `azure blob store, 50 MB: up ${(50_000 / upMs).toFixed(0)} MB/s, down ${(50_000 / downMs).toFixed(0)} MB/s, RSS growth ${growthMb.toFixed(1)} MB\n`,
    );
    // two 4 MiB blocks, the client's buffers and the garbage collector's slack: measured 0-21 MB on a busy machine,
    // and 21 MB for 200 MB sent. Holding the file whole would take at least its 50 MB.
    expect(growthMb).toBeLessThan(40);
  } finally {
    clearInterval(sampler);
    await blobs.remove(key);
  }
}, 120_000);
