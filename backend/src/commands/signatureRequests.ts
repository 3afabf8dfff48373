/**
 * Asking for signatures and withdrawing the request. The sender of a message (a pro) names one of its PDFs, the
 * recipients who sign it (in order or in parallel) and the fields each fills in; the fields are checked against the
 * document itself before anything is stored. The requester may void an open request with a reason, and recalling
 * the message voids its open requests in the recall's own transaction.
 */
import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../auth/email';
import { aadFor, newDataKey, sealField, wrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { authorize } from '../policies/authorize';
import { presentSignatureRequest } from '../presenters/signatures';
import { flattenFields, type PlacedField } from '../signatures/flattenFields';
import { pdfLimitsFrom } from '../signatures/boundedPdf';
import type { Repositories, SignatureFieldKind, SigningOrder } from '../store';
import { readWholeFile } from './documentBytes';
import { completeOrLeaveForLater } from './signatureCompletion';
import { openFileName } from './fileAccess';
import { readableMessage } from './messageAccess';
import {
  DEFAULT_CONSENT_TEXT, effectiveStatus, isViewerTurn, loadRequest, openReason, requestAad, requestDataKey, subjectOf, type LoadedRequest,
} from './signatureAccess';
import { spendMailBudget } from './mailBudget';

export interface FieldInput {
  signer: string;
  kind: SignatureFieldKind;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
}

export interface RequestInput {
  fileId: string;
  signers: { email: string }[];
  order: SigningOrder;
  fields: FieldInput[];
  expiresAt?: string | null;
}

const SIGNABLE_TYPES = new Set(['application/pdf', 'application/x-pdf']);

export async function requestSignatures(deps: AppDeps, actor: Actor, messageId: string, input: RequestInput) {
  authorize(actor, 'signatures.request');
  const org = actor.organization.id;
  // someone else's message does not exist (404); then a recalled or expired one (410) cannot carry a new request
  authorize(actor, 'messages.changeAfterSending', await deps.store.messages.findById(org, messageId));
  const { message } = await readableMessage(deps, actor, messageId, 'request_signature');

  const file = (await deps.store.files.listForMessage(org, message.id)).find((f) => f.id === input.fileId.toLowerCase() && f.messageId === message.id);
  if (!file || file.status !== 'complete' || !SIGNABLE_TYPES.has(file.contentType)) throw errors.signatureDocumentInvalid(input.fileId);

  // Signers are the message's visible recipients: a Bcc recipient would be named to the others on the certificate.
  const recipients = new Map((await deps.store.messages.recipients(message.id)).filter((r) => r.kind !== 'bcc' && !r.deletedAt).map((r) => [r.email, r]));
  const signerEmails = input.signers.map((s) => normalizeEmail(s.email) ?? s.email);
  const duplicates = signerEmails.filter((e, i) => signerEmails.indexOf(e) !== i);
  if (duplicates.length) throw errors.validation('Each signer may be named once.', [{ path: 'signers', emails: duplicates }]);
  const strangers = signerEmails.filter((e) => !recipients.has(e));
  if (strangers.length) throw errors.signerNotRecipient(strangers);

  const fields = input.fields.map((f, i) => ({ ...f, id: randomUUID(), position: i + 1, signerEmail: normalizeEmail(f.signer) ?? f.signer }));
  const unplaced = fields.filter((f) => !signerEmails.includes(f.signerEmail));
  if (unplaced.length) throw errors.validation('Every field must belong to one of the signers.', unplaced.map((f) => ({ path: `fields.${f.position - 1}.signer` })));
  const idle = signerEmails.filter((e) => !fields.some((f) => f.signerEmail === e && (f.kind === 'signature' || f.kind === 'initials')));
  if (idle.length) throw errors.validation('Give every signer at least one signature or initials field.', [{ path: 'fields', emails: idle }]);

  // The fields are placed with the library that will draw them: a page that does not exist or a rect off the page is refused now.
  const limits = pdfLimitsFrom(deps.config);
  const original = await readWholeFile(deps, file, limits.maxBytes);
  const placed: PlacedField[] = fields.map((f) => ({ ...f, id: `fields.${f.position - 1}`, required: false }));
  await flattenFields(original, placed, {}, limits);

  const id = randomUUID();
  const dataKey = newDataKey();
  const wrapped = wrapDataKey(deps.secrets.keyring, dataKey, aadFor(org, 'signature_request', id));
  dataKey.fill(0);
  const documentName = openFileName(deps, file);
  await deps.store.transaction(async (tx) => {
    await tx.signatures.create(
      { id, organizationId: org, messageId: message.id, fileId: file.id, requesterId: actor.account.id, signingOrder: input.order,
        dataKeyId: wrapped.keyId, dataKey: wrapped.wrapped, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null },
      signerEmails.map((email, i) => ({ accountId: recipients.get(email)!.accountId, position: i + 1 })),
      fields.map((f) => ({ id: f.id, signerId: recipients.get(f.signerEmail)!.accountId, position: f.position, kind: f.kind, page: f.page,
        x: f.x, y: f.y, width: f.width, height: f.height, required: f.required })),
    );
    await tx.signatures.addEvent(id, { accountId: actor.account.id, action: 'requested signatures', ip: null, userAgent: null });
    await tx.audit.record(actor, 'signature_request.created', { type: 'signature_request', id },
      { messageId: message.id, fileId: file.id, signers: signerEmails.length, fields: fields.length, order: input.order });
    // the first to sign (everyone, in parallel) hears of it now; in order, each next signer when their turn comes
    const first = input.order === 'parallel' ? signerEmails : signerEmails.slice(0, 1);
    await notifySigners(tx, deps, actor, id, first.map((e) => recipients.get(e)!));
  });
  return showRequest(deps, actor, id, documentName);
}

/** "Your signature is requested" emails, without the document's name or content. */
export async function notifySigners(tx: Repositories, deps: AppDeps, actor: Actor, requestId: string, to: { accountId: string; email: string; name: string }[]) {
  if (!to.length) return;
  await spendMailBudget(tx, deps, actor, 'notice', to.length);
  // their reminders count from now
  await tx.signatures.markEmailed(requestId, to.map((person) => person.accountId));
  for (const person of to) {
    const content = templates.signatureRequested({
      name: person.name,
      organizationName: actor.organization.name,
      link: `${deps.config.publicUrl}/portal/signatures/${requestId}`,
    });
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: actor.organization.id, template: 'signature_requested', to: person.email, content });
  }
}

/**
 * When this instance last retried completing each request on a read: making the document is seconds of work, so
 * reads retry it at most once a minute per request (the map forgets its oldest entries past 10,000).
 */
const completionRetries = new Map<string, number>();
const COMPLETION_RETRY_MS = 60_000;

function mayRetryCompletion(requestId: string, now = Date.now()): boolean {
  const last = completionRetries.get(requestId);
  if (last !== undefined && now - last < COMPLETION_RETRY_MS) return false;
  completionRetries.delete(requestId);
  completionRetries.set(requestId, now);
  if (completionRetries.size > 10_000) completionRetries.delete(completionRetries.keys().next().value!);
  return true;
}

/** The request as the actor may see it. */
export async function showRequest(deps: AppDeps, actor: Actor, requestId: string, documentName?: string) {
  const loaded = await loadRequest(deps, actor, requestId);
  // everyone signed but the document could not be completed then: try again now, now and then
  if (loaded.request.status === 'open' && loaded.signers.every((s) => s.status === 'signed') && mayRetryCompletion(requestId)) {
    await completeOrLeaveForLater(deps, actor, requestId);
    return presentLoaded(deps, actor, await loadRequest(deps, actor, requestId), documentName);
  }
  return presentLoaded(deps, actor, loaded, documentName);
}

export async function presentLoaded(deps: AppDeps, actor: Actor, loaded: LoadedRequest, documentName?: string) {
  const { request, signers, fields } = loaded;
  const name = documentName ?? (await documentNameOf(deps, request.organizationId, request.fileId));
  const declineReasons = new Map<string, string>();
  for (const s of signers) {
    const reason = openReason(deps, request, s.declineReasonSealed, requestAad.declineReason(request, s.accountId));
    if (reason) declineReasons.set(s.accountId, reason);
  }
  const status = effectiveStatus(loaded);
  return presentSignatureRequest({
    request, status, signers, fields, documentName: name, declineReasons,
    consentText: (await deps.store.signatures.consentText(request.organizationId)) ?? DEFAULT_CONSENT_TEXT,
    voidReason: openReason(deps, request, request.voidReasonSealed, requestAad.voidReason(request)),
    viewerId: actor.account.id,
    viewerTurn: isViewerTurn(loaded, actor.account.id),
  });
}

async function documentNameOf(deps: AppDeps, organizationId: string, fileId: string): Promise<string> {
  const file = await deps.store.files.findById(organizationId, fileId);
  return file ? openFileName(deps, file) : '';
}

/** The requester withdraws an open request; the reason is sealed and shown to the signers. */
export async function voidRequest(deps: AppDeps, actor: Actor, requestId: string, reason: string) {
  const peek = await loadRequest(deps, actor, requestId);
  authorize(actor, 'signatures.void', subjectOf(peek));
  await deps.store.transaction(async (tx) => {
    const locked = await loadRequest(deps, actor, requestId, tx);
    const { request } = locked;
    const status = effectiveStatus(locked);
    if (status !== 'open') throw errors.signatureRequestClosed(status);
    const sealed = sealField(requestDataKey(deps, request), reason, requestAad.voidReason(request));
    await tx.signatures.close(request.id, 'voided', { voidReasonSealed: sealed });
    await tx.signatures.addEvent(request.id, { accountId: actor.account.id, action: 'voided the request', ip: null, userAgent: null });
    await tx.audit.record(actor, 'signature_request.voided', { type: 'signature_request', id: request.id }, { cause: 'requester' });
  });
  return showRequest(deps, actor, requestId);
}

/** Inside the recall's transaction: every open request on the message ends with it. */
export async function voidRequestsOfRecalledMessage(tx: Repositories, actor: Actor, messageId: string): Promise<void> {
  for (const request of await tx.signatures.openForMessage(actor.organization.id, messageId)) {
    if (!(await tx.signatures.close(request.id, 'voided'))) continue;
    await tx.signatures.addEvent(request.id, { accountId: actor.account.id, action: 'recalled the message, which voided the request', ip: null, userAgent: null });
    await tx.audit.record(actor, 'signature_request.voided', { type: 'signature_request', id: request.id }, { cause: 'message_recalled', messageId });
  }
}
