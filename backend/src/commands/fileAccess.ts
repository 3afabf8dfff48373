/**
 * Who may see a file, and the keys that open it. The uploader alone sees a file until it is attached; from then on
 * whoever may open a message carrying it: the message it was sent with, or a forward of that message (judgeAccess:
 * sender, recipients while neither it nor what it forwards is recalled or expired — so recalling the original stops
 * every path to its files). Anyone else is told the file does not exist, in this organization or another.
 */
import { aadFor, openField, unwrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import type { StoredFile } from '../store';
import { auditRefusal, judgeAccess, type AccessVerdict } from './messageAccess';

export interface FileKeys {
  dataKey: Buffer;
  /** The file's record AAD: wraps its data key and keys its stream (see crypto/README.md). */
  aad: string;
}

export function fileAad(organizationId: string, fileId: string): string {
  return aadFor(organizationId, 'file', fileId);
}

export function fileNameAad(organizationId: string, fileId: string): string {
  return aadFor(organizationId, 'file', fileId, 'name');
}

export function fileKeys(deps: AppDeps, file: Pick<StoredFile, 'organizationId' | 'id' | 'dataKeyId' | 'dataKey'>): FileKeys {
  const aad = fileAad(file.organizationId, file.id);
  return { dataKey: unwrapDataKey(deps.secrets.keyring, { keyId: file.dataKeyId, wrapped: file.dataKey }, aad), aad };
}

export function openFileName(deps: AppDeps, file: StoredFile, keys = fileKeys(deps, file)): string {
  return openField(keys.dataKey, file.nameSealed, fileNameAad(file.organizationId, file.id));
}

const notFound = () => errors.notFound('That file');

/** The actor's own upload (to resume or inspect it); anyone else's is "not found". */
export async function ownUpload(deps: AppDeps, actor: Actor, fileId: string): Promise<StoredFile> {
  const file = await deps.store.files.findById(actor.organization.id, fileId);
  if (!file || file.uploaderId !== actor.account.id) throw notFound();
  return file;
}

/** A file the actor may read, and the message that lets them (the original or a forward; null for their own unsent upload). */
export interface ReadableFile {
  file: StoredFile;
  viaMessageId: string | null;
}

/**
 * The file if the actor may read it now through any message carrying it: 404 when they are party to none, or 410
 * when each one they are party to was recalled or has expired (the first such answer, origin first).
 */
export async function readableFile(deps: AppDeps, actor: Actor, fileId: string, purpose: string): Promise<ReadableFile> {
  const file = await deps.store.files.findById(actor.organization.id, fileId);
  if (!file) throw notFound();
  if (file.messageId === null) {
    if (file.uploaderId !== actor.account.id) throw notFound();
    return { file, viaMessageId: null };
  }
  let refused: Extract<AccessVerdict, { ok: false }> | null = null;
  for (const messageId of await deps.store.files.carriers(actor.organization.id, file.id)) {
    const verdict = await judgeAccess(deps, actor, messageId);
    if (verdict.ok) return { file, viaMessageId: messageId };
    if (!refused || (refused.reason === 'not_a_party' && verdict.reason !== 'not_a_party')) refused = verdict;
  }
  await auditRefusal(deps, actor, refused?.messageId ?? file.messageId, refused?.reason ?? 'not_a_party', purpose);
  // "That message was not found" would confirm that the file exists and belongs to a message
  if (!refused || refused.reason === 'not_a_party') throw notFound();
  throw refused.error;
}
