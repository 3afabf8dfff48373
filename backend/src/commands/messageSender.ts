/**
 * Sending a message: check every recipient (new ones must have been confirmed for invitation — nobody is invited
 * silently), then in ONE transaction invite the confirmed, seal and store the message, attach its files, and queue
 * the emails. The same Idempotency-Key with the same request returns the first message instead of a second.
 */
import { createHash, randomUUID } from 'node:crypto';
import { normalizeEmail } from '../auth/email';
import { aadFor, newDataKey, sealField, wrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/authorize';
import { emailBrandOf } from '../mail/brand';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { sanitizeMessageHtml } from '../messages/sanitizeHtml';
import { canonicalJson } from '../store/auditHash';
import type { RecipientKind, Repositories, StoredMessage } from '../store';
import { addressedAfterHandOver } from './conversationHandover';
import { attachFiles } from './fileAttacher';
import { writeOnce } from './idempotency';
import { inviteRecipient } from './invitationSender';
import { spendMailBudget } from './mailBudget';
import { readableMessage } from './messageAccess';
import { classifyRecipients, type Classified } from './recipientClassifier';

export interface SendInput {
  subject: string;
  html: string;
  to: { email: string; displayName?: string }[];
  cc: { email: string; displayName?: string }[];
  bcc: { email: string; displayName?: string }[];
  attachmentIds: string[];
  confirmedInvitations: string[];
  inReplyTo?: string;
  expiresAt?: string | null;
  /** Absent: the organization's default. */
  noForwarding?: boolean;
  deliveredByClient: boolean;
}

export interface SendResult {
  message: StoredMessage;
  replayed: boolean;
  invited: string[];
}

export async function sendMessage(deps: AppDeps, actor: Actor, input: SendInput, idempotencyKey?: string): Promise<SendResult> {
  const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
  return writeOnce(
    {
      key: idempotencyKey,
      requestHash,
      findEarlier: (key) => deps.store.messages.findByIdempotencyKey(actor.organization.id, actor.account.id, key),
      replay: (message) => ({ message, replayed: true, invited: [] }),
    },
    () => send(deps, actor, input, { requestHash, idempotencyKey }),
  );
}

async function send(deps: AppDeps, actor: Actor, written: SendInput, meta: { requestHash: string; idempotencyKey?: string }): Promise<SendResult> {
  const parent = written.inReplyTo ? await repliedMessage(deps, actor, written.inReplyTo) : null;
  const input = parent ? await addressedAfterHandOver(deps, actor, written, parent.createdAt) : written;
  const kinds = recipientKinds(input);
  const classified = await classifyRecipients(deps, actor, [...input.to, ...input.cc, ...input.bcc]);
  assertDeliverable(actor, classified.recipients, input, parent?.participants ?? []);
  const newcomers = classified.recipients.filter((r) => r.outcome === 'new_guest' || r.outcome === 'new_pro');

  // CPU-only work (sanitizing, sealing) and reads happen before the transaction, which then holds a connection for
  // its writes only (the audit event is appended unlinked: it takes no organization-wide lock).
  const sealed = await sealMessage(deps, actor, input);
  const brand = input.deliveredByClient ? null : emailBrandOf(deps.config.publicUrl, actor.organization, await deps.store.branding.get(actor.organization.id));
  return deps.store.transaction(async (tx) => {
    const message = await storeMessage(tx, actor, input, sealed, { ...meta, threadId: parent?.threadId });
    // the invitation's link opens this message once they have registered
    const next = `/portal/messages/${message.id}`;
    for (const r of newcomers) await inviteRecipient(tx, deps, actor, { email: r.email!, name: r.displayName, type: 'auto', next, budgeted: true });
    const accounts = await recipientAccounts(tx, classified.recipients.filter((r) => r.outcome !== 'self'));
    await tx.messages.addRecipients(
      message.id,
      accounts.map((a) => ({ accountId: a.id, kind: kinds.get(a.email)!, notified: !input.deliveredByClient })),
    );
    if (input.attachmentIds.length) {
      await attachFiles(tx, { organizationId: actor.organization.id, uploaderId: actor.account.id, fileIds: input.attachmentIds, messageId: message.id });
    }
    // The platform's block is not the sender's business, but a blocked account gets no mail from us.
    const notified = brand ? accounts.filter((a) => !a.invitedNow && !a.blocked) : [];
    if (brand) await enqueueNotices(tx, deps, actor, message, notified, brand);
    await tx.audit.record(actor, 'message.sent', { type: 'message', id: message.id },
      { recipients: accounts.length, invited: newcomers.length, attachments: input.attachmentIds.length });
    // The budgets last: their counters are rows every send of this sender and organization updates, locked from
    // here to the commit, so the writes above must not run while they are held. Over budget rolls everything back.
    await spendMailBudget(tx, deps, actor, 'invitation', newcomers.length);
    await spendMailBudget(tx, deps, actor, 'notice', notified.length);
    return { message, replayed: false, invited: newcomers.map((r) => r.email!) };
  });

  /** Every recipient's account in one query (the newcomers' were created just before, in this transaction). */
  async function recipientAccounts(tx: Repositories, recipients: Classified[]) {
    const invitedNow = new Set(newcomers.map((r) => r.email));
    const byEmail = new Map((await tx.accounts.findByEmails(recipients.map((r) => r.email!))).map((a) => [a.email, a]));
    return recipients.map((r) => {
      const account = byEmail.get(r.email!)!;
      return { id: account.id, email: r.email!, name: account.name, invitedNow: invitedNow.has(r.email), blocked: account.blockedAt !== null };
    });
  }
}

/** to wins over cc, cc over bcc, when one address appears in several lists. */
function recipientKinds(input: SendInput): Map<string, RecipientKind> {
  const kinds = new Map<string, RecipientKind>();
  for (const kind of ['bcc', 'cc', 'to'] as const) {
    for (const r of input[kind]) {
      const email = normalizeEmail(r.email);
      if (email) kinds.set(email, kind);
    }
  }
  return kinds;
}

function assertDeliverable(actor: Actor, recipients: Classified[], input: SendInput, participants: string[]): void {
  const listed = (outcomes: string[]) => recipients.filter((r) => outcomes.includes(r.outcome)).map((r) => r.email ?? r.input);
  const invalid = listed(['invalid']);
  if (invalid.length) throw errors.invalidRecipients(invalid);
  if (!recipients.some((r) => r.outcome !== 'self')) {
    throw errors.noRecipients('Add at least one recipient other than yourself.');
  }
  const blocked = listed(['blocked', 'removed']);
  if (blocked.length) throw errors.recipientsCannotReceive(blocked);
  // only a guest's recipients are ever not_allowed; a guest's are never new, so the confirmation below asks nothing of them
  const outside = recipients.filter((r) => r.outcome === 'not_allowed' && !participants.includes(r.email!)).map((r) => r.email!);
  authorize(actor, 'messages.writeTo', { outside });
  const confirmed = new Set(input.confirmedInvitations.map((e) => normalizeEmail(e)));
  const unconfirmed = recipients.filter((r) => (r.outcome === 'new_guest' || r.outcome === 'new_pro') && !confirmed.has(r.email)).map((r) => r.email!);
  if (unconfirmed.length) {
    throw errors.unconfirmedRecipients(unconfirmed);
  }
}

/** The message replied to: the actor must be able to read it; its participants may be answered by guests. */
async function repliedMessage(deps: AppDeps, actor: Actor, messageId: string) {
  const { message } = await readableMessage(deps, actor, messageId, 'reply');
  const recipients = await deps.store.messages.recipients(message.id);
  const sender = await deps.store.accounts.findById(message.senderId);
  return { threadId: message.threadId, createdAt: message.createdAt, participants: [sender!.email, ...recipients.filter((r) => r.kind !== 'bcc').map((r) => r.email)] };
}

interface SealedMessage {
  id: string;
  dataKeyId: string;
  dataKey: string;
  subjectSealed: string;
  bodySealed: string;
}

/** Sanitizes and seals the message under a fresh data key: CPU only (sanitizing yields between slices), done before any transaction starts. */
async function sealMessage(deps: AppDeps, actor: Actor, input: SendInput): Promise<SealedMessage> {
  const body = await sanitizeMessageHtml(input.html);
  const id = randomUUID();
  const org = actor.organization.id;
  const dataKey = newDataKey();
  const wrapped = wrapDataKey(deps.secrets.keyring, dataKey, aadFor(org, 'message', id));
  return {
    id,
    dataKeyId: wrapped.keyId,
    dataKey: wrapped.wrapped,
    subjectSealed: sealField(dataKey, input.subject, aadFor(org, 'message', id, 'subject')),
    bodySealed: sealField(dataKey, body, aadFor(org, 'message', id, 'body')),
  };
}

async function storeMessage(
  tx: Repositories,
  actor: Actor,
  input: SendInput,
  sealed: SealedMessage,
  meta: { requestHash: string; idempotencyKey?: string; threadId?: string },
): Promise<StoredMessage> {
  return tx.messages.create({
    ...sealed,
    organizationId: actor.organization.id,
    threadId: meta.threadId ?? sealed.id,
    inReplyTo: input.inReplyTo ?? null,
    senderId: actor.account.id,
    deliveredByClient: input.deliveredByClient,
    idempotencyKey: meta.idempotencyKey ?? null,
    requestHash: meta.requestHash,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    noForwarding: input.noForwarding ?? actor.organization.noForwardingByDefault,
  });
}

export async function queueNotices(
  tx: Repositories,
  deps: AppDeps,
  actor: Actor,
  message: StoredMessage,
  to: { email: string; name: string }[],
  brand?: ReturnType<typeof emailBrandOf>,
) {
  if (!to.length) return;
  await enqueueNotices(tx, deps, actor, message, to, brand ?? emailBrandOf(deps.config.publicUrl, actor.organization, await tx.branding.get(actor.organization.id)));
  await spendMailBudget(tx, deps, actor, 'notice', to.length);
}

/** The new-message notices without spending the budget, for a caller that spends it itself at the end of its transaction. */
async function enqueueNotices(
  tx: Repositories,
  deps: AppDeps,
  actor: Actor,
  message: StoredMessage,
  to: { email: string; name: string }[],
  brand: ReturnType<typeof emailBrandOf>,
) {
  for (const recipient of to) {
    const content = templates.messageNotice({
      name: recipient.name,
      senderName: actor.account.name,
      organizationName: actor.organization.name,
      link: `${deps.config.publicUrl}/portal/messages/${message.id}`,
      brand,
    });
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: actor.organization.id, template: 'message_notice', to: recipient.email, content });
  }
}
