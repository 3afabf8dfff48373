/**
 * Resumable uploads (tus-shaped): starting one seals the name, wraps a fresh data key and writes the stream header
 * (salt, nonce prefix, segment size) as the blob's first bytes, so every later chunk continues the same stream.
 * Each chunk is sealed segment by segment and appended; the offset only moves over whole, stored segments, and the
 * chunk that reaches the declared size seals the last segment and completes the file.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { newBlobKey } from '../blobs/blobStore';
import { newDataKey, sealField, wrapDataKey } from '../crypto/envelope';
import {
  DEFAULT_SEGMENT_SIZE,
  HEADER_SIZE,
  NONCE_PREFIX_SIZE,
  SALT_SIZE,
  SegmentCipher,
  encodeStreamHeader,
  encryptedSize,
  parseStreamHeader,
} from '../crypto/streamFormat';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import type { Repositories, StoredFile } from '../store';
import type { StorageUsage } from '../store/files';
import { fileAad, fileKeys, fileNameAad, ownUpload } from './fileAccess';
import { SegmentSealer, feedSealer, storedLength } from './fileSealer';

export interface UploadInput {
  name: string;
  size: number;
  contentType: string;
}

/**
 * One writer per upload (tus forbids concurrent PATCHes), on whichever instance the chunk reaches: a chunk holds the
 * upload's lease in the database, renewed while it runs. An instance that dies mid-chunk blocks its upload until
 * the lease runs out, so that wait is short; the renewals keep a slow chunk's lease well ahead of it.
 */
const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;

/** Decimal units, as disk makers and the 5 GB default do. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

export async function startUpload(deps: AppDeps, actor: Actor, input: UploadInput): Promise<StoredFile> {
  const limit = await deps.store.files.maxFileBytes(actor.organization.id);
  if (input.size > limit) throw errors.fileTooLarge(formatBytes(input.size), formatBytes(limit));

  const id = randomUUID();
  const aad = fileAad(actor.organization.id, id);
  const dataKey = newDataKey();
  const wrapped = wrapDataKey(deps.secrets.keyring, dataKey, aad);
  const header = { segmentSize: DEFAULT_SEGMENT_SIZE, salt: randomBytes(SALT_SIZE), noncePrefix: randomBytes(NONCE_PREFIX_SIZE) };
  const first = [encodeStreamHeader(header)];
  // an empty file is complete at once: its stream is the header and one empty last segment
  if (input.size === 0) first.push(new SegmentCipher(dataKey, aad, header).seal(0, true, Buffer.alloc(0)));
  const blobKey = newBlobKey();
  await deps.blobs.append(blobKey, 0, Readable.from(first));
  try {
    if (input.size === 0) await deps.blobs.finish(blobKey, encryptedSize(0, header.segmentSize));
    const file = await deps.store.transaction(async (tx) => {
      // one upload starts at a time per organization, so parallel starts cannot all take the last of the room
      await tx.organizations.findForUpdate(actor.organization.id);
      assertRoomFor(deps, await tx.files.usage(actor.organization.id, actor.account.id), input.size);
      const created = await tx.files.create({
        id,
        organizationId: actor.organization.id,
        uploaderId: actor.account.id,
        nameSealed: sealField(dataKey, input.name, fileNameAad(actor.organization.id, id)),
        contentType: input.contentType,
        size: input.size,
        dataKeyId: wrapped.keyId,
        dataKey: wrapped.wrapped,
        blobKey,
      });
      if (created.status === 'complete') await recordUploaded(tx, actor, created);
      return created;
    });
    return file;
  } catch (error) {
    await deps.blobs.remove(blobKey).catch(() => undefined);
    throw error;
  } finally {
    dataKey.fill(0);
  }
}

const GB = 1_000_000_000;

/**
 * Storage is bounded by what was declared, before a byte is sent: per person, the uploads not sent yet (a message
 * takes them along; the sweep clears the rest), and per organization, everything its members and guests stored.
 */
function assertRoomFor(deps: AppDeps, usage: StorageUsage, size: number): void {
  const { maxOpenUploads, maxUnsentUploadGb, organizationStorageGb, abandonedUploadHours } = deps.config;
  if (usage.unsentCount >= maxOpenUploads) throw errors.tooManyOpenUploads(maxOpenUploads, abandonedUploadHours);
  if (usage.unsentBytes + size > maxUnsentUploadGb * GB) throw errors.unsentUploadsTooLarge(formatBytes(maxUnsentUploadGb * GB), abandonedUploadHours);
  if (usage.organizationBytes + size > organizationStorageGb * GB) throw errors.storageQuotaExceeded(formatBytes(organizationStorageGb * GB));
}

export interface ChunkInput {
  /** Upload-Offset: where the client says this chunk starts. */
  offset: number;
  /** Content-Length, when the client sent one. */
  length: number | null;
}

export interface ChunkResult {
  offset: number;
  complete: boolean;
}

/** Stores a chunk of the actor's upload; answers the new offset, which is where the client resumes. */
export async function receiveChunk(deps: AppDeps, actor: Actor, fileId: string, chunk: ChunkInput, body: Readable): Promise<ChunkResult> {
  // ownership first: a caller who may not write this upload must never hold its lease, or anyone who learned an
  // upload id could keep its owner's chunks turned away as busy
  await ownUpload(deps, actor, fileId);
  const holder = randomUUID();
  if (!(await deps.store.uploadLeases.acquire(fileId, holder, LEASE_SECONDS))) throw errors.uploadBusy();
  let held = true;
  const renewal = setInterval(() => {
    deps.store.uploadLeases.renew(fileId, holder, LEASE_SECONDS).then(
      (renewed) => {
        if (renewed || !held) return;
        // another writer may have the upload now: this chunk stops, and its offset is not recorded
        held = false;
        body.destroy();
      },
      () => undefined,
    );
  }, RENEW_EVERY_MS);
  renewal.unref();
  try {
    // read again under the lease, so the offset checked below is not one another writer is about to move
    const file = await ownUpload(deps, actor, fileId);
    if (chunk.offset !== file.received) throw errors.offsetMismatch(file.received);
    if (chunk.length !== null && chunk.offset + chunk.length > file.size) throw errors.uploadExceedsSize(file.size);
    if (file.status === 'complete') {
      // a body of unknown length may carry bytes, and a complete upload takes none
      if (chunk.length === null) throw errors.uploadExceedsSize(file.size);
      return { offset: file.received, complete: true };
    }
    // progress starts now, not when the chunk is stored: a long chunk must not look idle to the sweep
    await deps.store.files.touch(file.organizationId, file.id);
    return await appendChunk(deps, actor, file, body, () => held);
  } finally {
    clearInterval(renewal);
    held = false;
    // a lease left behind runs out by itself; the next chunk only waits for that
    await deps.store.uploadLeases.release(fileId, holder).catch((error: unknown) => {
      deps.logger.warn({ fileId, code: (error as { code?: string }).code }, 'upload lease could not be released');
    });
  }
}

async function appendChunk(deps: AppDeps, actor: Actor, file: StoredFile, body: Readable, stillHeld: () => boolean): Promise<ChunkResult> {
  const keys = fileKeys(deps, file);
  const header = parseStreamHeader(await deps.blobs.head(file.blobKey, HEADER_SIZE));
  const { segmentSize } = header;
  const sealer = new SegmentSealer(new SegmentCipher(keys.dataKey, keys.aad, header), {
    segmentSize,
    plainSize: file.size,
    received: file.received,
  });
  keys.dataKey.fill(0);
  feedSealer(body, sealer, deps.config.uploadIdleSeconds * 1000);
  const written = await deps.blobs.append(file.blobKey, storedLength(file.received, segmentSize), sealer);
  if (written !== sealer.sealedBytes) throw new Error(`blob append stored ${written} bytes of ${sealer.sealedBytes}`);
  if (!stillHeld()) throw errors.uploadBusy();
  if (sealer.accepted === 0) return { offset: file.received, complete: false };

  const offset = file.received + sealer.accepted;
  // blob first, then the row: a crash between them leaves a finished blob the next chunk reopens (fsBlobStore)
  if (offset === file.size) await deps.blobs.finish(file.blobKey, encryptedSize(file.size, segmentSize));
  const advanced = await deps.store.transaction(async (tx) => {
    const row = await tx.files.advance(file.organizationId, file.id, file.received, offset);
    if (row?.status === 'complete') await recordUploaded(tx, actor, row);
    return row;
  });
  if (!advanced) throw new Error(`upload ${file.id} moved while it was being written`);
  return { offset, complete: advanced.status === 'complete' };
}

/** Recorded in the transaction that completes the file, so a complete file always has its event. */
async function recordUploaded(tx: Repositories, actor: Actor, file: StoredFile): Promise<void> {
  await tx.audit.record(actor, 'file.uploaded', { type: 'file', id: file.id }, { size: file.size });
}
