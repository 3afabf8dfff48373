/**
 * Seeing a file, and the keys that open it. Loads what policies/files.ts weighs (the file, and the answer of
 * `messages.open` for each message carrying it) and lets the rule decide; a refusal through a message that exists
 * is recorded in the audit log like any refused attempt on that message.
 */
import { aadFor, openField, unwrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../policies/authorize';
import { decisiveCarrier, type CarrierVerdict } from '../policies/files';
import { refusalError } from '../policies/verdict';
import type { StoredFile } from '../store';
import { auditRefusal, judgeAccess, refusalReason } from './messageAccess';

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
  if (!file) throw notFound();
  authorize(actor, 'files.continueUpload', file);
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
  // judged one carrier at a time, origin first, stopping at the first that lets the actor in
  const carriers: CarrierVerdict[] = [];
  for (const messageId of file.messageId === null ? [] : await deps.store.files.carriers(actor.organization.id, file.id)) {
    const judged = await judgeAccess(deps, actor, messageId);
    carriers.push({ messageId, verdict: judged.ok ? { allowed: true } : judged.refusal });
    if (judged.ok) break;
  }
  const verdict = can(actor, 'files.read', { file, carriers });
  if (verdict.allowed) return { file, viaMessageId: carriers.find((c) => c.verdict.allowed)?.messageId ?? null };
  if (file.messageId !== null) {
    const decisive = decisiveCarrier(carriers);
    const reason = decisive && !decisive.verdict.allowed ? refusalReason(decisive.verdict) : 'not_a_party';
    await auditRefusal(deps, actor, decisive?.messageId ?? file.messageId, reason, purpose);
  }
  throw refusalError(verdict);
}
