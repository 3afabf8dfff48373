/**
 * Downloading a complete file: every download is an audit event, then the blob streams through decryption. A
 * byte range reads only the segments that hold it. The stream errors (never ends short) if the blob was changed:
 * whoever sends it on must abort, not finish, the answer.
 */
import { pipeline, type Readable } from 'node:stream';
import { createDecryptSegmentsStream, createDecryptStream, HEADER_SIZE, parseStreamHeader, segmentRangeFor } from '../crypto/stream';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import type { StoredFile } from '../store';
import { fileKeys, type ReadableFile } from './fileAccess';

/** Plaintext byte offsets, both inclusive, within the file. */
export interface ByteRange {
  start: number;
  end: number;
}

export async function openDownload(deps: AppDeps, actor: Actor, { file, viaMessageId }: ReadableFile, range: ByteRange | null): Promise<Readable> {
  if (file.status !== 'complete') throw errors.fileIncomplete(file.id);
  const content = await decryptedContent(deps, file, range);
  // a read changes nothing, so its event stands alone; the file is always of the actor's organization
  await deps.store.audit.record(actor, 'file.downloaded', { type: 'file', id: file.id }, {
    // the message it was read through (a forward's recipient is no party to the original), and the original
    messageId: viaMessageId, sentWith: file.messageId, range: range ? `${range.start}-${range.end}` : null,
  });
  return content;
}

async function decryptedContent(deps: AppDeps, file: StoredFile, range: ByteRange | null): Promise<Readable> {
  const { dataKey, aad } = fileKeys(deps, file);
  if (!range) {
    // the whole stream checks itself: header, every segment, the last flag and nothing after it
    return chain(await deps.blobs.open(file.blobKey), createDecryptStream({ dataKey, aad }));
  }
  const header = await deps.blobs.head(file.blobKey, HEADER_SIZE);
  const segments = segmentRangeFor(range.start, range.end, parseStreamHeader(header).segmentSize, file.size);
  const decrypt = createDecryptSegmentsStream({ dataKey, aad, header, plainSize: file.size, ...segments });
  return chain(await deps.blobs.open(file.blobKey, { start: segments.cipherStart, end: segments.cipherEnd }), decrypt);
}

/** source → decrypt, as one stream: an error in either fails the result, and destroying it releases the file. */
function chain(source: Readable, decrypt: Readable & NodeJS.WritableStream): Readable {
  return pipeline(source, decrypt, () => undefined);
}
