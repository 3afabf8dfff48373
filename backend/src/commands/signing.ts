/**
 * What a signer does: opens the document (viewed), agrees to sign electronically while confirming who they are
 * (their password, or a code of their 2-step app), then signs with an adopted signature or declines with a reason.
 * Each is refused once the request is closed, expired, or its message recalled or expired; signing also waits for
 * the signer's turn in a sequential request. Every step is a row of the request's events and an audit event, written
 * in one transaction that holds the request's row, so two decisions on one request never interleave.
 */
import { createHash } from 'node:crypto';
import { verifyPassword } from '../auth/passwords';
import { checkTotpCode, openTotpSecret } from '../auth/totp';
import { sealField } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/authorize';
import { assertDrawnSignaturePng, flattenFields } from '../signatures/flattenFields';
import type { StoredSignatureField, StoredSignatureRequest, StoredSigner } from '../store';
import { readableMessage } from './messageAccess';
import { completeOrLeaveForLater, fieldValue } from './signatureCompletion';
import { readWholeFile } from './documentBytes';
import { pdfLimitsFrom } from '../signatures/boundedPdf';
import { DEFAULT_CONSENT_TEXT, assertNotExpired, assertOpen, isTurnOf, loadRequest, requestAad, requestDataKey, subjectOf, undecidedSigner, type LoadedRequest } from './signatureAccess';
import { notifySigners, showRequest } from './signatureRequests';

export interface ClientFacts {
  ip: string | null;
  userAgent: string | null;
}

/** A user agent is whatever the client says; only so much of it is kept. */
const bounded = (client: ClientFacts): ClientFacts => ({ ip: client.ip?.slice(0, 100) ?? null, userAgent: client.userAgent?.slice(0, 500) ?? null });

/**
 * Views recorded per signer and request in an hour: every opening of the document is evidence, but a signer
 * reloading in a loop must not fill the audit log or the certificate (the first view always counts).
 */
const RECORDED_VIEWS = { max: 20, windowSeconds: 60 * 60 };

/** Identity checks per person in an hour: enough for typing mistakes, too few to guess a password. */
const IDENTITY_ATTEMPTS = { max: 10, windowSeconds: 60 * 60 };

/** The request for a signer about to act: they must be a signer, the request open and the message still readable. */
async function forSigner(deps: AppDeps, actor: Actor, requestId: string): Promise<LoadedRequest> {
  const loaded = await loadRequest(deps, actor, requestId);
  authorize(actor, 'signatures.sign', subjectOf(loaded));
  // expired (its own expiry or its message's) is the request's answer; a recalled message closes it as it closes the message
  assertNotExpired(loaded);
  await readableMessage(deps, actor, loaded.request.messageId, 'sign');
  assertOpen(loaded);
  undecidedSigner(loaded, actor.account.id);
  return loaded;
}

/** The same checks again on the locked row, inside the transaction that acts on it. */
async function lockedForSigner(deps: AppDeps, actor: Actor, requestId: string, tx: Parameters<typeof loadRequest>[3]) {
  const loaded = await loadRequest(deps, actor, requestId, tx);
  assertOpen(loaded);
  return { loaded, signer: undecidedSigner(loaded, actor.account.id) };
}

export async function viewRequest(deps: AppDeps, actor: Actor, requestId: string, client: ClientFacts) {
  const { request } = await forSigner(deps, actor, requestId);
  const facts = bounded(client);
  const { hits } = await deps.store.rateLimits.hit(`signature-views:${request.id}:${actor.account.id}`, RECORDED_VIEWS.windowSeconds);
  if (hits > RECORDED_VIEWS.max) return showRequest(deps, actor, requestId);
  await deps.store.transaction(async (tx) => {
    const { loaded } = await lockedForSigner(deps, actor, requestId, tx);
    await tx.signatures.markViewed(loaded.request.id, actor.account.id);
    await tx.signatures.addEvent(loaded.request.id, { accountId: actor.account.id, action: 'viewed the document', ...facts });
    await tx.audit.record(actor, 'signature_request.viewed', { type: 'signature_request', id: loaded.request.id });
  });
  return showRequest(deps, actor, requestId);
}

/** How a signer shows it is them: their password, a 2-step code, or a sign-in through the organization's provider just now. */
export type IdentityProof = { password?: string; code?: string; singleSignOn?: true };

/** A session the organization's identity provider started this long ago still confirms who is there. */
export const SINGLE_SIGN_ON_CONFIRMS_MS = 10 * 60_000;

export async function consentToSign(deps: AppDeps, actor: Actor, requestId: string, proof: IdentityProof, client: ClientFacts) {
  const loaded = await forSigner(deps, actor, requestId);
  const { hits } = await deps.store.rateLimits.hit(`signature-identity:${actor.account.id}`, IDENTITY_ATTEMPTS.windowSeconds);
  if (hits > IDENTITY_ATTEMPTS.max) throw errors.rateLimited(IDENTITY_ATTEMPTS.windowSeconds);
  const useCode = await checkIdentity(deps, actor, proof);
  const consentText = (await deps.store.signatures.consentText(loaded.request.organizationId)) ?? DEFAULT_CONSENT_TEXT;
  const facts = bounded(client);
  await deps.store.transaction(async (tx) => {
    const locked = await lockedForSigner(deps, actor, requestId, tx);
    // a code is used once: of two requests racing with it, one wins
    if (useCode && !(await tx.twoStep.useStep(actor.account.id, useCode))) throw errors.identityNotConfirmed();
    await tx.signatures.recordConsent(locked.loaded.request.id, actor.account.id, facts);
    await tx.signatures.addEvent(locked.loaded.request.id, { accountId: actor.account.id, action: 'agreed to sign electronically', ...facts });
    await tx.audit.record(actor, 'signature_request.consented', { type: 'signature_request', id: locked.loaded.request.id }, {
      identityConfirmedWith: proof.password !== undefined ? 'password' : proof.singleSignOn ? 'single_sign_on' : 'two_step',
      consentTextSha256: createHash('sha256').update(consentText).digest('hex'),
    });
  });
  return showRequest(deps, actor, requestId);
}

/**
 * Answers the 2-step time step to spend when a code confirmed it, 0 otherwise; throws when the proof does not hold.
 * Single sign-on counts when this very session was started by the organization's provider in the last 10 minutes
 * (the portal sends the signer through it again and back to the document).
 */
async function checkIdentity(deps: AppDeps, actor: Actor, proof: IdentityProof): Promise<number> {
  if (proof.singleSignOn) {
    const at = actor.session.providerSignInAt;
    if (!at || Date.now() - at.getTime() > SINGLE_SIGN_ON_CONFIRMS_MS) throw errors.singleSignOnNotRecent();
    return 0;
  }
  if (proof.password !== undefined) {
    const account = await deps.store.accounts.findById(actor.account.id);
    if (!(await verifyPassword(account?.passwordHash ?? null, proof.password))) throw errors.identityNotConfirmed();
    return 0;
  }
  const secret = await deps.store.twoStep.find(actor.account.id);
  if (!secret?.enabledAt) throw errors.identityNotConfirmed();
  const step = await checkTotpCode(openTotpSecret(deps.secrets.keyring, actor.account.id, secret.secretSealed), proof.code ?? '', secret.lastUsedStep);
  if (step === null) throw errors.identityNotConfirmed();
  return step;
}

export type AdoptedSignature = { typed: string } | { drawnPng: string };

export interface SignInput {
  adoptedSignature: AdoptedSignature;
  values: Record<string, string | boolean>;
}

/** The stored value of each of the signer's fields, as flattenFields will read it (dates and images as text). */
type SealableValue =
  | { kind: 'signature' | 'initials'; typed: string }
  | { kind: 'signature' | 'initials'; drawnPng: string }
  | { kind: 'dateSigned'; signedAt: string }
  | { kind: 'text'; text: string }
  | { kind: 'checkbox'; checked: boolean };

function valuesFor(own: StoredSignatureField[], input: SignInput, signedAt: Date): Map<string, SealableValue> {
  const ownIds = new Set(own.map((f) => f.id));
  const given = Object.keys(input.values).map((id) => id.toLowerCase());
  const foreign = given.filter((id) => !ownIds.has(id));
  if (foreign.length) throw errors.signatureFieldsMismatch('Some values are for fields that are not yours on this request.', foreign);
  const values = new Map(Object.entries(input.values).map(([id, v]) => [id.toLowerCase(), v]));
  const result = new Map<string, SealableValue>();
  for (const field of own) {
    const value = values.get(field.id);
    switch (field.kind) {
      case 'signature':
      case 'initials':
      case 'dateSigned':
        if (value !== undefined) throw errors.signatureFieldsMismatch('Signature, initials and date fields take no value: they are filled in from your adopted signature and the time you sign.', [field.id]);
        result.set(field.id, field.kind === 'dateSigned' ? { kind: 'dateSigned', signedAt: signedAt.toISOString() } : { kind: field.kind, ...input.adoptedSignature });
        break;
      case 'text':
        if (value !== undefined && typeof value !== 'string') throw errors.signatureFieldsMismatch('A text field takes text.', [field.id]);
        if (value === undefined || value.trim() === '') {
          if (field.required) throw errors.signatureFieldValueMissing(field.id);
        } else result.set(field.id, { kind: 'text', text: value });
        break;
      case 'checkbox':
        if (value !== undefined && typeof value !== 'boolean') throw errors.signatureFieldsMismatch('A checkbox takes true or false.', [field.id]);
        // a required checkbox is one the signer must tick (agreeing to a clause)
        if (field.required && value !== true) throw errors.signatureFieldValueMissing(field.id);
        if (value !== undefined) result.set(field.id, { kind: 'checkbox', checked: value });
        break;
    }
  }
  return result;
}

function checkDrawnSignature(adopted: AdoptedSignature): void {
  if ('drawnPng' in adopted) assertDrawnSignaturePng(Buffer.from(adopted.drawnPng, 'base64'));
}

/** Whether the signer's turn has come and they consented: checked before the work, and again on the locked row. */
function assertReady(loaded: LoadedRequest, signer: StoredSigner): void {
  if (!isTurnOf(loaded, signer)) throw errors.signatureOutOfOrder();
  if (!signer.consentedAt) throw errors.signatureConsentRequired();
}

/**
 * Draws the signer's values into the document now, and throws what drawing them would throw (a picture that does not
 * decode, too large): found at completion instead, it would leave a request everyone signed that cannot complete.
 */
async function assertDrawable(deps: AppDeps, request: StoredSignatureRequest, own: StoredSignatureField[], values: Map<string, SealableValue>): Promise<void> {
  const limits = pdfLimitsFrom(deps.config);
  const file = await deps.store.files.findById(request.organizationId, request.fileId);
  const original = await readWholeFile(deps, file!, limits.maxBytes);
  const drawn = Object.fromEntries([...values].map(([id, value]) => [id, fieldValue(JSON.stringify(value))]));
  await flattenFields(original, own, drawn, limits);
}

export async function signRequest(deps: AppDeps, actor: Actor, requestId: string, input: SignInput, client: ClientFacts) {
  const before = await forSigner(deps, actor, requestId);
  assertReady(before, undecidedSigner(before, actor.account.id));
  checkDrawnSignature(input.adoptedSignature);
  const own = before.fields.filter((f) => f.signerId === actor.account.id);
  const values = valuesFor(own, input, new Date());
  await assertDrawable(deps, before.request, own, values);
  const facts = bounded(client);
  const everyoneSigned = await deps.store.transaction(async (tx) => {
    const { loaded, signer } = await lockedForSigner(deps, actor, requestId, tx);
    const { request } = loaded;
    assertReady(loaded, signer);
    const dataKey = requestDataKey(deps, request);
    const sealed = [...values].map(([fieldId, value]) => ({ fieldId, valueSealed: sealField(dataKey, JSON.stringify(value), requestAad.field(request, fieldId)) }));
    dataKey.fill(0);
    await tx.signatures.recordSigned(request.id, actor.account.id, facts, sealed);
    for (const [fieldId, value] of values) {
      await tx.audit.record(actor, 'signature_request.field_filled', { type: 'signature_request', id: request.id }, { fieldId, kind: value.kind });
    }
    await tx.signatures.addEvent(request.id, { accountId: actor.account.id, action: 'signed', ...facts });
    await tx.audit.record(actor, 'signature_request.signed', { type: 'signature_request', id: request.id },
      { fields: values.size, adopted: 'typed' in input.adoptedSignature ? 'typed' : 'drawn' });
    const rest = loaded.signers.filter((s) => s.accountId !== actor.account.id && s.status !== 'signed');
    // in order, the next signer hears it is their turn
    const next = request.signingOrder === 'sequential' ? rest.sort((a, b) => a.position - b.position)[0] : undefined;
    if (next) await notifySigners(tx, deps, actor, request.id, [next]);
    return rest.length === 0;
  });
  if (everyoneSigned) await completeOrLeaveForLater(deps, actor, requestId);
  return showRequest(deps, actor, requestId);
}

export async function declineRequest(deps: AppDeps, actor: Actor, requestId: string, reason: string, client: ClientFacts) {
  await forSigner(deps, actor, requestId);
  const facts = bounded(client);
  await deps.store.transaction(async (tx) => {
    const { request } = (await lockedForSigner(deps, actor, requestId, tx)).loaded;
    const sealed = sealField(requestDataKey(deps, request), reason, requestAad.declineReason(request, actor.account.id));
    await tx.signatures.recordDeclined(request.id, actor.account.id, sealed);
    await tx.signatures.close(request.id, 'declined');
    await tx.signatures.addEvent(request.id, { accountId: actor.account.id, action: 'declined to sign', ...facts });
    await tx.audit.record(actor, 'signature_request.declined', { type: 'signature_request', id: request.id });
  });
  return showRequest(deps, actor, requestId);
}
