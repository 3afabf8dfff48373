/**
 * Blobs in an Azure Blob Storage container, one block blob per key. An append stages its bytes as blocks of at most
 * BLOCK_SIZE (one filling while the one before it is sent, so memory stays flat whatever the chunk's size) and ends
 * with one Put Block List: the blob then holds its earlier blocks plus the new ones. An append that is cut off never
 * commits, so the blocks it staged are dropped by the service and a retry at the same offset stores nothing twice.
 * Whether a blob is finished is a metadata flag: finishing flips it in one request, and `open` streams only finished
 * blobs, pinned to the version it checked (ETag), so a reader never sees a blob that is still growing.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { BlobServiceClient, type BlockBlobClient, type ContainerClient } from '@azure/storage-blob';
import { BLOB_KEY, BlobError, type BlobRange, type BlobStore } from './blobStore';

/** The most an append holds in memory is two of these (one filling, one in flight) plus one carried-over block. */
const BLOCK_SIZE = 4 * 1024 * 1024;
/**
 * A last block smaller than this is sent again at the head of the next append, so uploads in many small chunks
 * still end with few blocks (a block blob commits at most 50,000).
 */
const SMALL_TAIL = 1024 * 1024;
const STATE = 'sealpoststate';
/**
 * Bound on each request that is not a download stream (retries included): the client's own default waits forever,
 * and a hung request would hold its upload's lease for as long. A 4 MiB block at 100 KB/s fits twice over.
 */
const REQUEST_TIMEOUT_MS = 120_000;
const bounded = () => ({ abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
type State = 'pending' | 'finished';

export interface AzureBlobStoreOptions {
  /** A storage account connection string (it holds the account key or a SAS: a secret). */
  connectionString?: string;
  /** Or the account's blob endpoint, with a SAS query when it grants the access (then it is a secret too). */
  accountUrl?: string;
  container: string;
  /** Smaller blocks for tests that need several of them without large data. */
  blockSize?: number;
}

function checkKey(key: string): void {
  if (!BLOB_KEY.test(key)) throw new BlobError('a blob key must be 32 lower-case hex digits');
}

function checkOffset(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new BlobError(`${name} must be a non-negative integer`);
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** Block ids must all have the same length within a blob; random ones never collide with a retried append's. */
const newBlockId = () => randomBytes(12).toString('base64');

/** Connects to the container (creating it when the credentials may) and answers the store. */
export async function openAzureBlobStore(options: AzureBlobStoreOptions): Promise<BlobStore> {
  let service: BlobServiceClient;
  if (options.connectionString) service = BlobServiceClient.fromConnectionString(options.connectionString);
  else if (options.accountUrl) service = new BlobServiceClient(options.accountUrl);
  else throw new BlobError('the Azure blob store needs a connection string or an account URL');
  const container = service.getContainerClient(options.container);
  try {
    if (!(await container.exists())) await container.createIfNotExists();
  } catch (error) {
    // the service's own message can carry the request; the status and code say enough without a secret
    throw new BlobError(
      `the Azure container "${options.container}" cannot be reached or created (status ${statusOf(error) ?? 'none'}, ${(error as { code?: string }).code ?? 'no code'})`,
    );
  }
  return azureBlobStore(container, options.blockSize ?? BLOCK_SIZE);
}

export function azureBlobStore(container: ContainerClient, blockSize = BLOCK_SIZE): BlobStore {
  const blobOf = (key: string): BlockBlobClient => container.getBlockBlobClient(key);

  /** Size, state and version of a committed blob; null when there is none. */
  async function propertiesOf(blob: BlockBlobClient): Promise<{ size: number; state: State; etag: string } | null> {
    try {
      const properties = await blob.getProperties(bounded());
      return {
        size: properties.contentLength ?? 0,
        state: properties.metadata?.[STATE] === 'finished' ? 'finished' : 'pending',
        etag: properties.etag!,
      };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Bytes [start, end) of the committed blob at version `etag`, read whole: callers keep them below a block. */
  async function readBytes(blob: BlockBlobClient, start: number, end: number, etag?: string): Promise<Buffer> {
    const response = await blob.download(start, end - start, { ...bounded(), conditions: etag ? { ifMatch: etag } : undefined });
    return buffer(response.readableStreamBody!);
  }

  /**
   * The committed blocks an append at `at` keeps, and the bytes it must send again before its own: the part below
   * `at` of a block that reaches past it (left by an append whose offset was never recorded) or a small last block.
   */
  async function keptBlocks(blob: BlockBlobClient, key: string, at: number): Promise<{ kept: string[]; carry: Buffer; etag: string }> {
    let list;
    try {
      list = await blob.getBlockList('committed', bounded());
    } catch (error) {
      if (statusOf(error) === 404) throw new BlobError(`there is no unfinished blob ${key}`);
      throw error;
    }
    const blocks = list.committedBlocks ?? [];
    const total = blocks.reduce((sum, block) => sum + block.size, 0);
    if (total < at) throw new BlobError(`blob ${key} holds ${total} bytes, fewer than the ${at} it should`);
    const kept: string[] = [];
    let end = 0;
    for (const block of blocks) {
      if (end + block.size > at) break;
      kept.push(block.name);
      end += block.size;
    }
    const last = blocks[kept.length - 1];
    if (end === at && last && last.size < Math.min(SMALL_TAIL, blockSize / 4)) {
      kept.pop();
      end -= last.size;
    }
    const carry = end < at ? await readBytes(blob, end, at, list.etag) : Buffer.alloc(0);
    return { kept, carry, etag: list.etag! };
  }

  return {
    async append(key, at, source) {
      checkKey(key);
      checkOffset(at, 'at');
      const blob = blobOf(key);
      const { kept, carry, etag } = at === 0 ? { kept: [], carry: Buffer.alloc(0), etag: undefined } : await keptBlocks(blob, key, at);

      const staged: string[] = [];
      let inFlight: Promise<unknown> = Promise.resolve();
      const stage = (bytes: Buffer) => {
        const id = newBlockId();
        staged.push(id);
        const sending = blob.stageBlock(id, bytes, bytes.length, bounded());
        // awaited before the next block or the commit; until then a failure must not count as unhandled
        sending.catch(() => undefined);
        return sending;
      };
      // two buffers take turns: one fills while the other is sent, and is reused once its block is stored
      const buffers: [Buffer, Buffer?] = [Buffer.allocUnsafe(blockSize)];
      let block = buffers[0];
      let filled = 0;
      // a carried block is below the block size unless an earlier store wrote larger blocks
      if (carry.length >= blockSize) inFlight = stage(carry);
      else filled = carry.copy(block);
      let appended = 0;
      for await (const data of source) {
        const piece: Buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as string);
        for (let offset = 0; offset < piece.length; ) {
          const n = piece.copy(block, filled, offset, offset + Math.min(piece.length - offset, blockSize - filled));
          filled += n;
          offset += n;
          appended += n;
          if (filled === blockSize) {
            await inFlight;
            inFlight = stage(block);
            block = block === buffers[0] ? (buffers[1] ??= Buffer.allocUnsafe(blockSize)) : buffers[0];
            filled = 0;
          }
        }
      }
      await inFlight;
      if (filled > 0) await stage(block.subarray(0, filled));
      try {
        await blob.commitBlockList([...kept, ...staged], {
          ...bounded(),
          metadata: { [STATE]: 'pending' },
          // a blob changed by someone else since its blocks were listed is not overwritten with a stale list
          conditions: etag ? { ifMatch: etag } : undefined,
        });
      } catch (error) {
        if (statusOf(error) === 412) throw new BlobError(`blob ${key} changed while it was being appended to`);
        throw error;
      }
      return appended;
    },

    async head(key, length) {
      checkKey(key);
      checkOffset(length, 'length');
      const blob = blobOf(key);
      const properties = await propertiesOf(blob);
      if (!properties) throw new BlobError(`there is no blob ${key}`);
      if (properties.size < length) throw new BlobError(`blob ${key} is shorter than ${length} bytes`);
      return length === 0 ? Buffer.alloc(0) : readBytes(blob, 0, length, properties.etag);
    },

    async finish(key, length) {
      checkKey(key);
      const blob = blobOf(key);
      const properties = await propertiesOf(blob);
      if (!properties) throw new BlobError(`there is no unfinished blob ${key}`);
      if (properties.size !== length) throw new BlobError(`blob ${key} holds ${properties.size} bytes, not the ${length} expected`);
      if (properties.state === 'finished') return;
      await blob.setMetadata({ [STATE]: 'finished' }, { ...bounded(), conditions: { ifMatch: properties.etag } });
    },

    async open(key, range?: BlobRange) {
      checkKey(key);
      if (range) {
        checkOffset(range.start, 'start');
        checkOffset(range.end, 'end');
        if (range.end < range.start) throw new BlobError('the range ends before it starts');
      }
      const blob = blobOf(key);
      const properties = await propertiesOf(blob);
      if (properties?.state !== 'finished') throw new BlobError(`there is no finished blob ${key}`);
      const start = range?.start ?? 0;
      const end = Math.min(range?.end ?? Infinity, properties.size - 1);
      // like a file read past its end: nothing, rather than the service's 416
      if (end < start) return Readable.from([]);
      const response = await blob.download(start, end - start + 1, {
        conditions: { ifMatch: properties.etag },
        // a connection lost mid-way resumes where it stopped, from the same version
        maxRetryRequests: 5,
      });
      return response.readableStreamBody as Readable;
    },

    async remove(key) {
      checkKey(key);
      await blobOf(key).deleteIfExists(bounded());
    },
  };
}
