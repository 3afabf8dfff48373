/**
 * Whole documents in memory, for signing: reading a stored file's plaintext (a PDF for signature is bounded by
 * SIGNATURE_PDF_MAX_MB before it is read), and sealing a document the server made (the completed PDF) into a new
 * blob in the same stream format as an upload, so it downloads like any other file.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { newBlobKey } from '../blobs/blobStore';
import { newDataKey, sealField, wrapDataKey } from '../crypto/envelope';
import { createDecryptStream } from '../crypto/stream';
import { DEFAULT_SEGMENT_SIZE, HEADER_SIZE, NONCE_PREFIX_SIZE, SALT_SIZE, SegmentCipher, encodeStreamHeader, encryptedSize } from '../crypto/streamFormat';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { NewFile, StoredFile } from '../store';
import { fileAad, fileKeys, fileNameAad } from './fileAccess';
import { SegmentSealer } from './fileSealer';

/** The plaintext of a complete file; refused as too large past `maxBytes` before a byte is read. */
export async function readWholeFile(deps: AppDeps, file: StoredFile, maxBytes: number): Promise<Buffer> {
  if (file.size > maxBytes) throw errors.pdfTooLarge(Math.floor(maxBytes / (1024 * 1024)));
  const { dataKey, aad } = fileKeys(deps, file);
  // the whole stream checks itself, and an error of the blob or of a segment fails the read
  const content = pipeline(await deps.blobs.open(file.blobKey), createDecryptStream({ dataKey, aad }), () => undefined);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Seals `bytes` into a finished blob and answers the file row to create for it (complete once `files.advance`
 * moves it to its size). The caller removes the blob (`deps.blobs.remove`) if that row is never written.
 */
export async function sealDocument(
  deps: AppDeps,
  owner: { organizationId: string; uploaderId: string },
  document: { name: string; contentType: string; bytes: Uint8Array },
): Promise<NewFile> {
  const id = randomUUID();
  const aad = fileAad(owner.organizationId, id);
  const dataKey = newDataKey();
  try {
    const wrapped = wrapDataKey(deps.secrets.keyring, dataKey, aad);
    const header = { segmentSize: DEFAULT_SEGMENT_SIZE, salt: randomBytes(SALT_SIZE), noncePrefix: randomBytes(NONCE_PREFIX_SIZE) };
    const size = document.bytes.length;
    const sealer = new SegmentSealer(new SegmentCipher(dataKey, aad, header), { segmentSize: header.segmentSize, plainSize: size, received: 0 });
    const blobKey = newBlobKey();
    await deps.blobs.append(blobKey, 0, Readable.from([encodeStreamHeader(header)]));
    try {
      await deps.blobs.append(blobKey, HEADER_SIZE, Readable.from([Buffer.from(document.bytes)]).pipe(sealer));
      await deps.blobs.finish(blobKey, encryptedSize(size, header.segmentSize));
    } catch (error) {
      await deps.blobs.remove(blobKey).catch(() => undefined);
      throw error;
    }
    return {
      id,
      organizationId: owner.organizationId,
      uploaderId: owner.uploaderId,
      nameSealed: sealField(dataKey, document.name, fileNameAad(owner.organizationId, id)),
      contentType: document.contentType,
      size,
      dataKeyId: wrapped.keyId,
      dataKey: wrapped.wrapped,
      blobKey,
    };
  } finally {
    dataKey.fill(0);
  }
}
