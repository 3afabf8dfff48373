/**
 * The completed document, made when the last signer signs: the signers' values drawn into the original, the
 * certificate of completion (each signer's name, email, consent and signing times, address and browser, and the
 * events in order), and the platform's digital signature over the whole file. It is stored encrypted as a file of
 * the request's message, so every participant downloads it as they download the original, and each is told by an
 * email without content. The PDF is made outside any transaction; the transaction that stores it checks the
 * request is still open and complete, so of two completions racing only one is kept.
 */
import { openField } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import type { Actor } from '../auth/actor';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { pdfLimitsFrom } from '../signatures/boundedPdf';
import { certificatePage, sha256Hex } from '../signatures/certificatePage';
import { flattenFields, type FieldValue } from '../signatures/flattenFields';
import { signPdf } from '../signatures/signPdf';
import { loadSigningCertificate } from '../signatures/signingCertificate';
import type { StoredSignatureRequest } from '../store';
import { readWholeFile, sealDocument } from './documentBytes';
import { openFileName } from './fileAccess';
import { requestAad, requestDataKey } from './signatureAccess';

/** The value a field was sealed with (commands/signing.ts), as flattenFields draws it. */
export function fieldValue(sealed: string): FieldValue {
  const value = JSON.parse(sealed) as Record<string, unknown> & { kind: FieldValue['kind'] };
  if (value.kind === 'dateSigned') return { kind: 'dateSigned', signedAt: new Date(value.signedAt as string) };
  if ((value.kind === 'signature' || value.kind === 'initials') && typeof value.drawnPng === 'string') {
    return { kind: value.kind, drawnPng: Buffer.from(value.drawnPng, 'base64') };
  }
  return value as unknown as FieldValue;
}

const signedName = (name: string) => (/\.pdf$/i.test(name) ? name.replace(/\.pdf$/i, ' (signed).pdf') : `${name} (signed).pdf`);

async function completedPdf(deps: AppDeps, request: StoredSignatureRequest) {
  const org = request.organizationId;
  const [signers, fields, events, original] = await Promise.all([
    deps.store.signatures.signers(request.id),
    deps.store.signatures.fields(request.id),
    deps.store.signatures.events(request.id),
    deps.store.files.findById(org, request.fileId),
  ]);
  const limits = pdfLimitsFrom(deps.config);
  const bytes = await readWholeFile(deps, original!, limits.maxBytes);
  const dataKey = requestDataKey(deps, request);
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    if (field.valueSealed) values[field.id] = fieldValue(openField(dataKey, field.valueSealed, requestAad.field(request, field.id)));
  }
  dataKey.fill(0);
  const flattened = await flattenFields(bytes, fields, values, limits);
  const documentName = openFileName(deps, original!);
  const certified = await certificatePage(flattened, {
    documentName,
    originalSha256: sha256Hex(bytes),
    signers: signers.map((s) => ({
      name: s.name,
      email: s.email,
      consentedAt: s.consentedAt!,
      signedAt: s.signedAt!,
      ipAddress: s.signIp ?? s.consentIp ?? 'unknown',
      userAgent: s.signUserAgent ?? s.consentUserAgent ?? 'unknown',
    })),
    events: events.map((e) => ({ at: e.at, actor: e.name ? `${e.name} <${e.email}>` : 'Sealpost', action: e.action })),
  });
  const completed = await signPdf(certified, loadSigningCertificate(deps.config), { reason: 'Signed by every signer through Sealpost' });
  return { completed, documentName, signers };
}

/** Makes and stores the completed PDF if the request is open and everyone signed; otherwise does nothing. */
export async function completeRequest(deps: AppDeps, actor: Actor, requestId: string): Promise<void> {
  const request = await deps.store.signatures.findById(actor.organization.id, requestId);
  if (!request || request.status !== 'open') return;
  const { completed, documentName, signers } = await completedPdf(deps, request);
  if (signers.some((s) => s.status !== 'signed')) return;
  const file = await sealDocument(deps, { organizationId: request.organizationId, uploaderId: request.requesterId },
    { name: signedName(documentName), contentType: 'application/pdf', bytes: completed });
  let kept = false;
  try {
    const requester = await deps.store.accounts.findById(request.requesterId);
    kept = await deps.store.transaction(async (tx) => {
      const locked = await tx.signatures.findForUpdate(request.organizationId, request.id);
      if (locked?.status !== 'open') return false;
      await tx.files.create(file);
      await tx.files.advance(file.organizationId, file.id, 0, file.size);
      await tx.files.attach(file.organizationId, [file.id], request.messageId);
      await tx.signatures.close(request.id, 'completed', { completedFileId: file.id });
      await tx.signatures.addEvent(request.id, { accountId: null, action: 'completed and sealed the document', ip: null, userAgent: null });
      await tx.audit.record(actor, 'signature_request.completed', { type: 'signature_request', id: request.id },
        { fileId: file.id, sha256: sha256Hex(completed), messageId: request.messageId });
      // Not charged to a mail budget: at most the request's own signers and requester, whose request was charged when
      // it was made; a spent budget of whoever signed last must not keep everyone's document from completing.
      const people = [...signers, ...(requester ? [requester] : [])];
      for (const person of people) {
        const content = templates.signatureCompleted({ name: person.name, organizationName: actor.organization.name, link: `${deps.config.publicUrl}/portal/signatures/${request.id}` });
        await enqueueEmail(tx, deps.secrets.keyring, { organizationId: request.organizationId, template: 'signature_completed', to: person.email, content });
      }
      return true;
    });
  } finally {
    if (!kept) await deps.blobs.remove(file.blobKey).catch(() => undefined);
  }
}

/**
 * The signature stands whether or not the document can be completed right now (a blob store that is down): a
 * failure is logged and the next read of the request by a participant tries again (signatureRequests.showRequest).
 */
export async function completeOrLeaveForLater(deps: AppDeps, actor: Actor, requestId: string): Promise<void> {
  try {
    await completeRequest(deps, actor, requestId);
  } catch (error) {
    deps.logger.error({ requestId, err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'the signed document could not be completed yet');
  }
}
