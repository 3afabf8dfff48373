/**
 * Forwarding a message to colleagues: a pro who can read a message sends it on, with an optional note, to other
 * pros of the same organization. The forward is a new message (its own conversation) whose body quotes the
 * original; the original's files are linked, not copied — they stay sealed to their own ids — so the forward's
 * recipients download the very same files. A forward remembers what it forwards: recalling the original (or its
 * expiry) stops the forward and its files too (messageAccess). Nobody is invited by a forward.
 */
import { createHash, randomUUID } from 'node:crypto';
import { aadFor, newDataKey, sealField, wrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/authorize';
import { sanitizeMessageHtml } from '../messages/sanitizeHtml';
import { canonicalJson } from '../store/auditHash';
import type { StoredMessage } from '../store';
import { writeOnce } from './idempotency';
import { readableMessage, unavailabilities } from './messageAccess';
import { openBody, openSubject } from './messageReader';
import { queueNotices } from './messageSender';
import { classifyRecipients } from './recipientClassifier';

export interface ForwardInput {
  to: { email: string; displayName?: string }[];
  /** Plain text, written above the forwarded message. */
  note?: string;
}

export interface ForwardResult {
  message: StoredMessage;
  replayed: boolean;
  files: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Blank lines separate paragraphs, single line breaks stay, as the portal writes bodies. */
function noteHtml(note: string): string {
  return note
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

export function forwardSubject(subject: string): string {
  const base = subject.trim();
  return /^fwd?:/i.test(base) ? base : `Fwd: ${base}`.trim();
}


export async function forwardMessage(deps: AppDeps, actor: Actor, messageId: string, input: ForwardInput, idempotencyKey?: string): Promise<ForwardResult> {
  authorize(actor, 'messages.forward');
  const requestHash = createHash('sha256').update(canonicalJson({ forward: messageId, ...input })).digest('hex');
  return writeOnce(
    {
      key: idempotencyKey,
      requestHash,
      findEarlier: (key) => deps.store.messages.findByIdempotencyKey(actor.organization.id, actor.account.id, key),
      replay: async (message) => ({ message, replayed: true, files: (await deps.store.files.listForMessage(message.organizationId, message.id)).length }),
    },
    () => forward(deps, actor, messageId, input, { requestHash, idempotencyKey }),
  );
}

async function forward(deps: AppDeps, actor: Actor, messageId: string, input: ForwardInput, meta: { requestHash: string; idempotencyKey?: string }): Promise<ForwardResult> {
  const { message: original } = await readableMessage(deps, actor, messageId, 'forward');
  authorize(actor, 'messages.forwardMessage', original);
  // its sender still reads a recalled or expired message, but a forward of it would reach nobody
  if ((await unavailabilities(deps, original)).length) {
    throw errors.messageUnavailable();
  }
  const recipients = await colleagues(deps, actor, input.to);
  const files = (await deps.store.files.listForMessage(actor.organization.id, original.id)).filter((f) => f.status === 'complete');
  const html = await forwardedBody(deps, original, input.note ?? '');
  const subject = forwardSubject(openSubject(deps, original));

  return deps.store.transaction(async (tx) => {
    const id = randomUUID();
    const org = actor.organization.id;
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(deps.secrets.keyring, dataKey, aadFor(org, 'message', id));
    const message = await tx.messages.create({
      id,
      organizationId: org,
      threadId: id,
      inReplyTo: null,
      senderId: actor.account.id,
      dataKeyId: wrapped.keyId,
      dataKey: wrapped.wrapped,
      subjectSealed: sealField(dataKey, subject, aadFor(org, 'message', id, 'subject')),
      bodySealed: sealField(dataKey, html, aadFor(org, 'message', id, 'body')),
      deliveredByClient: false,
      idempotencyKey: meta.idempotencyKey ?? null,
      requestHash: meta.requestHash,
      expiresAt: null,
      forwardedFrom: original.id,
      // a sender passing on its own "no forwarding" message keeps the mark; otherwise the organization's default
      noForwarding: original.noForwarding || actor.organization.noForwardingByDefault,
    });
    dataKey.fill(0);
    await tx.messages.addRecipients(id, recipients.map((r) => ({ accountId: r.id, kind: 'to' as const, notified: true })));
    const linked = await tx.files.link(org, files.map((f) => f.id), id);
    await queueNotices(tx, deps, actor, message, recipients);
    await tx.audit.record(actor, 'message.forwarded', { type: 'message', id: original.id }, { forwardId: id, recipients: recipients.length, files: linked });
    return { message, replayed: false, files: linked };
  });
}

/** The recipients, who must all be active pros of the organization other than the forwarder. */
async function colleagues(deps: AppDeps, actor: Actor, to: ForwardInput['to']) {
  const { recipients } = await classifyRecipients(deps, actor, to);
  const listed = (keep: (outcome: string) => boolean) => recipients.filter((r) => keep(r.outcome)).map((r) => r.email ?? r.input);
  const invalid = listed((o) => o === 'invalid');
  if (invalid.length) throw errors.invalidRecipients(invalid);
  const outside = listed((o) => o !== 'member_pro' && o !== 'self');
  if (outside.length) {
    throw errors.forwardToProsOnly(actor.organization.name, outside);
  }
  const pros = recipients.filter((r) => r.outcome === 'member_pro');
  if (!pros.length) throw errors.noRecipients('Add at least one colleague other than yourself.');
  const found = [];
  for (const r of pros) {
    const account = (await deps.store.accounts.findByEmail(r.email!))!;
    found.push({ id: account.id, email: account.email, name: account.name });
  }
  return found;
}

/** The note, a header naming the original's sender, date, subject and visible recipients, then its body quoted. */
async function forwardedBody(deps: AppDeps, original: StoredMessage, note: string): Promise<string> {
  const sender = (await deps.store.accounts.findById(original.senderId))!;
  const people = (await deps.store.messages.recipients(original.id)).filter((r) => r.kind !== 'bcc');
  const list = (kind: 'to' | 'cc') => people.filter((r) => r.kind === kind).map((r) => escapeHtml(`${r.name} <${r.email}>`)).join(', ');
  const header = [
    '---------- Forwarded message ----------',
    `From: ${escapeHtml(`${sender.name} <${sender.email}>`)}`,
    `Date: ${escapeHtml(original.createdAt.toUTCString())}`,
    `Subject: ${escapeHtml(openSubject(deps, original))}`,
    `To: ${list('to') || '—'}`,
    ...(list('cc') ? [`Cc: ${list('cc')}`] : []),
  ];
  return sanitizeMessageHtml(`${noteHtml(note)}<p>${header.join('<br>')}</p><blockquote>${openBody(deps, original)}</blockquote>`);
}
