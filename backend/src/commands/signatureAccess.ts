/**
 * Loading a signature request as one person may see it, and the state checks every decision on it shares: open,
 * not expired, the signer's own turn, not decided yet. Also the request's data key, which seals field values,
 * adopted signatures and reasons.
 */
import { aadFor, openField, unwrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { allows, authorize } from '../policies/authorize';
import type { Repositories, StoredMessage, StoredSignatureField, StoredSignatureRequest, StoredSigner } from '../store';
import { fileKeys, openFileName } from './fileAccess';

export const DEFAULT_CONSENT_TEXT =
  'I agree to use electronic records and signatures for this document. My electronic signature has the same effect as my handwritten signature, and I can ask the sender for a paper copy.';

export interface LoadedRequest {
  request: StoredSignatureRequest;
  signers: StoredSigner[];
  fields: StoredSignatureField[];
  /** The request's message expires then (null: never); the request cannot outlive it. */
  messageExpiresAt: Date | null;
}

export type EffectiveStatus = StoredSignatureRequest['status'];

/** When the request stops taking signatures: its own expiry or its message's, whichever comes first. */
export function expiryOf({ request, messageExpiresAt }: Pick<LoadedRequest, 'request' | 'messageExpiresAt'>): Date | null {
  const times = [request.expiresAt, messageExpiresAt].filter((at): at is Date => at !== null);
  return times.length ? new Date(Math.min(...times.map((at) => at.getTime()))) : null;
}

/** An open request past its own expiry or its message's is expired, whether or not anything wrote that down yet. */
export function effectiveStatus(loaded: Pick<LoadedRequest, 'request' | 'messageExpiresAt'>, now = new Date()): EffectiveStatus {
  const expiry = expiryOf(loaded);
  return loaded.request.status === 'open' && expiry && expiry <= now ? 'expired' : loaded.request.status;
}

export const subjectOf = ({ request, signers }: Pick<LoadedRequest, 'request' | 'signers'>) => ({
  requesterId: request.requesterId,
  signerIds: signers.map((s) => s.accountId),
});

export function requestDataKey(deps: AppDeps, request: Pick<StoredSignatureRequest, 'organizationId' | 'id' | 'dataKeyId' | 'dataKey'>): Buffer {
  return unwrapDataKey(deps.secrets.keyring, { keyId: request.dataKeyId, wrapped: request.dataKey }, aadFor(request.organizationId, 'signature_request', request.id));
}

/** Where each sealed value of a request belongs. */
export const requestAad = {
  field: (r: StoredSignatureRequest, fieldId: string) => aadFor(r.organizationId, 'signature_request', r.id, `field-${fieldId}`),
  voidReason: (r: StoredSignatureRequest) => aadFor(r.organizationId, 'signature_request', r.id, 'void_reason'),
  declineReason: (r: StoredSignatureRequest, accountId: string) => aadFor(r.organizationId, 'signature_request', r.id, `decline-${accountId}`),
};

/**
 * The request with its signers and fields, if the actor is its requester or a signer (404 otherwise, also for
 * another organization's id). `tx` given: the request row is locked until that transaction ends.
 */
export async function loadRequest(deps: AppDeps, actor: Actor, requestId: string, tx?: Repositories): Promise<LoadedRequest> {
  const repo = tx ?? deps.store;
  const request = tx
    ? await tx.signatures.findForUpdate(actor.organization.id, requestId)
    : await deps.store.signatures.findById(actor.organization.id, requestId);
  const signers = request ? await repo.signatures.signers(request.id) : [];
  authorize(actor, 'signatures.read', request && subjectOf({ request, signers }));
  const message = await repo.messages.findById(actor.organization.id, request!.messageId);
  return { request: request!, signers, fields: await repo.signatures.fields(request!.id), messageExpiresAt: message?.expiresAt ?? null };
}

/** Throws when the request has expired, by its own expiry or its message's. */
export function assertNotExpired(loaded: Pick<LoadedRequest, 'request' | 'messageExpiresAt'>, now = new Date()): void {
  if (effectiveStatus(loaded, now) === 'expired') throw errors.signatureRequestExpired(expiryOf(loaded)!.toISOString());
}

/** Whether the viewer may sign now: open, a signer who has not decided, and their turn. */
export function isViewerTurn(loaded: Pick<LoadedRequest, 'request' | 'signers' | 'messageExpiresAt'>, viewerId: string, now = new Date()): boolean {
  const own = loaded.signers.find((s) => s.accountId === viewerId);
  return effectiveStatus(loaded, now) === 'open' && own !== undefined && own.status !== 'signed' && own.status !== 'declined' && isTurnOf(loaded, own);
}

export interface RequestOnMessage {
  request: StoredSignatureRequest;
  status: EffectiveStatus;
  requester: boolean;
  /** The viewer's own place among the signers, if they sign. */
  own: StoredSigner | null;
  yourTurn: boolean;
}

/** The requests on a message that the viewer is party to (its requester or a signer), for the message's answer. */
export async function requestsOnMessage(deps: AppDeps, actor: Actor, message: Pick<StoredMessage, 'id' | 'expiresAt'>): Promise<RequestOnMessage[]> {
  const found: RequestOnMessage[] = [];
  for (const request of await deps.store.signatures.forMessage(actor.organization.id, message.id)) {
    const signers = await deps.store.signatures.signers(request.id);
    if (!allows(actor, 'signatures.read', subjectOf({ request, signers }))) continue;
    const loaded = { request, signers, messageExpiresAt: message.expiresAt };
    found.push({
      request,
      status: effectiveStatus(loaded),
      requester: request.requesterId === actor.account.id,
      own: signers.find((s) => s.accountId === actor.account.id) ?? null,
      yourTurn: isViewerTurn(loaded, actor.account.id),
    });
  }
  return found;
}

/** Throws unless the request can still be signed or declined. */
export function assertOpen(loaded: Pick<LoadedRequest, 'request' | 'messageExpiresAt'>, now = new Date()): void {
  assertNotExpired(loaded, now);
  const status = effectiveStatus(loaded, now);
  if (status !== 'open') throw errors.signatureRequestClosed(status);
}

/** The actor's signer row; throws when they signed or declined already. */
export function undecidedSigner(loaded: LoadedRequest, accountId: string): StoredSigner {
  const signer = loaded.signers.find((s) => s.accountId === accountId)!;
  if (signer.status === 'signed' || signer.status === 'declined') throw errors.signerAlreadyDecided(signer.status);
  return signer;
}

/** In a sequential request, everyone before the signer must have signed. */
export function isTurnOf(loaded: Pick<LoadedRequest, 'request' | 'signers'>, signer: StoredSigner): boolean {
  if (loaded.request.signingOrder === 'parallel') return true;
  return loaded.signers.every((s) => s.position >= signer.position || s.status === 'signed');
}

export function documentNameOf(deps: AppDeps, file: Parameters<typeof openFileName>[1]): string {
  return openFileName(deps, file, fileKeys(deps, file));
}

export function openReason(deps: AppDeps, request: StoredSignatureRequest, sealed: string | null, aad: string): string | null {
  return sealed ? openField(requestDataKey(deps, request), sealed, aad) : null;
}
