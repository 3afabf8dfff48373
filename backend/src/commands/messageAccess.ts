/**
 * Who may open a message and its files: its sender, and its recipients while it is neither recalled nor expired.
 * A forward carries another message's content, so a recall or expiry of the message it forwards (or of anything
 * further up that chain) stops the forward too, for everyone but the person who recalled or sent that message:
 * recalling stops every path to the content and its files. A refused attempt on a message that exists is an audit
 * event (a bounded number per person), and the answer never says more than the caller may know.
 */
import { aadFor, openField, unwrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { AppError, errors } from '../errors';
import type { Actor } from '../auth/actor';
import type { MessageRecipient, StoredMessage } from '../store';

export interface MessageAccess {
  message: StoredMessage;
  role: 'sender' | 'recipient';
  recipient: MessageRecipient | null;
}

/** A message that cannot be opened any more: this one, or (inherited) one that it forwards. */
export interface Unavailability {
  reason: 'recalled' | 'expired';
  message: StoredMessage;
  inherited: boolean;
}

export type RefusalReason = 'not_a_party' | 'recalled' | 'expired';

export type AccessVerdict =
  | { ok: true; access: MessageAccess }
  /** `exists`: whether the organization has a message with that id (a made-up id is not worth an audit event). */
  | { ok: false; reason: RefusalReason; error: AppError; messageId: string; exists: boolean };

export function messageDataKey(deps: AppDeps, message: Pick<StoredMessage, 'organizationId' | 'id' | 'dataKeyId' | 'dataKey'>): Buffer {
  return unwrapDataKey(deps.secrets.keyring, { keyId: message.dataKeyId, wrapped: message.dataKey }, aadFor(message.organizationId, 'message', message.id));
}

export function openRecallReason(deps: AppDeps, message: StoredMessage): string | null {
  if (!message.recallReasonSealed) return null;
  return openField(messageDataKey(deps, message), message.recallReasonSealed, aadFor(message.organizationId, 'message', message.id, 'recall_reason'));
}

function ownState(message: StoredMessage, now: Date): Unavailability['reason'] | null {
  if (message.recalledAt) return 'recalled';
  if (message.expiresAt && message.expiresAt <= now) return 'expired';
  return null;
}

/** Why a message cannot be opened, its own state first, then that of each message it forwards (nearest first). */
export async function unavailabilities(deps: AppDeps, message: StoredMessage, now = new Date()): Promise<Unavailability[]> {
  const chain = message.forwardedFrom ? [message, ...(await deps.store.messages.forwardSources(message.organizationId, message.id))] : [message];
  return chain.flatMap((m, i) => {
    const reason = ownState(m, now);
    return reason ? [{ reason, message: m, inherited: i > 0 }] : [];
  });
}

/** What keeps `viewerId` from the content: a recall or expiry of a message someone else sent. */
export const blockingFor = (found: Unavailability[], viewerId: string) => found.find((u) => u.message.senderId !== viewerId) ?? null;

async function unavailableError(deps: AppDeps, blocking: Unavailability, threadId: string): Promise<AppError> {
  const { message, inherited } = blocking;
  if (blocking.reason === 'expired') {
    const when = message.expiresAt!.toISOString().slice(0, 10);
    const detail = inherited
      ? `The message this one forwards expired on ${when}, so this one can no longer be opened either.`
      : `This message expired on ${when} and can no longer be opened.`;
    return new AppError(410, 'message_expired', detail, { expiredAt: message.expiresAt!.toISOString(), forwarded: inherited, threadId });
  }
  const by = message.recalledBy ? await deps.store.accounts.findById(message.recalledBy) : null;
  // The reason was written for the recipients of the recalled message, not for those of a forward of it.
  const reason = inherited ? null : openRecallReason(deps, message);
  const name = by?.name ?? 'the sender';
  const when = message.recalledAt!.toISOString().slice(0, 10);
  const detail = inherited
    ? `The message this one forwards was recalled by ${name} on ${when}, so this one can no longer be opened either.`
    : `Recalled by ${name} on ${when}.${reason ? ` Reason: ${reason}` : ''}`;
  return new AppError(410, 'message_recalled', detail, {
    recalledBy: by?.name ?? null,
    recalledAt: message.recalledAt!.toISOString(),
    reason,
    forwarded: inherited,
    threadId,
  });
}

/** Whether the actor may open the message now, without recording anything. */
export async function judgeAccess(deps: AppDeps, actor: Actor, messageId: string): Promise<AccessVerdict> {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  const recipient = message
    ? ((await deps.store.messages.recipients(message.id)).find((r) => r.accountId === actor.account.id) ?? null)
    : null;
  const isSender = message?.senderId === actor.account.id && !message.senderDeletedAt;
  const isRecipient = recipient !== null && recipient.deletedAt === null;
  if (!message || (!isSender && !isRecipient)) {
    return { ok: false, reason: 'not_a_party', error: errors.notFound('That message'), messageId, exists: message !== null };
  }
  const blocking = blockingFor(await unavailabilities(deps, message), actor.account.id);
  if (blocking) return { ok: false, reason: blocking.reason, error: await unavailableError(deps, blocking, message.threadId), messageId, exists: true };
  return { ok: true, access: { message, role: isSender ? 'sender' : 'recipient', recipient } };
}

/**
 * Refusals recorded per person and organization in an hour: enough to show someone trying doors, too few for a
 * member to bury the log (or hold its lock) by asking again and again. The last one recorded says so.
 */
export const AUDITED_REFUSALS = { name: 'audited-refusals', max: 20, windowSeconds: 60 * 60 };

/** Records a refused attempt on a message that exists, within the actor's hourly allowance. */
export async function auditRefusal(deps: AppDeps, actor: Actor, messageId: string, reason: RefusalReason, purpose: string): Promise<void> {
  const { hits } = await deps.store.rateLimits.hit(`${AUDITED_REFUSALS.name}:${actor.organization.id}:${actor.account.id}`, AUDITED_REFUSALS.windowSeconds);
  if (hits > AUDITED_REFUSALS.max) return;
  // a refusal changes nothing, so its event stands alone
  await deps.store.audit.record(actor, 'message.access_refused', { type: 'message', id: messageId },
    hits === AUDITED_REFUSALS.max ? { reason, purpose, furtherRefusalsUnrecordedForAnHour: true } : { reason, purpose });
}

/** The message if the actor may open it now; otherwise 404, or 410 when it (or what it forwards) was recalled or has expired. */
export async function readableMessage(deps: AppDeps, actor: Actor, messageId: string, purpose = 'open'): Promise<MessageAccess> {
  const verdict = await judgeAccess(deps, actor, messageId);
  if (verdict.ok) return verdict.access;
  if (verdict.exists) await auditRefusal(deps, actor, messageId, verdict.reason, purpose);
  throw verdict.error;
}
