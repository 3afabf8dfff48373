/**
 * Opening a message and its files: loads what the rule weighs (the message, the caller's recipient row, why it or
 * what it forwards may be closed) and asks policies/messages.ts `open`, which decides. A refused attempt on a
 * message that exists is an audit event (a bounded number per person); the answer is the rule's.
 */
import { aadFor, openField, unwrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import type { ActingMember } from '../auth/actor';
import { can } from '../policies/authorize';
import type { Unavailability } from '../policies/messages';
import { refusalError, type Refusal, type RefusalCode } from '../policies/verdict';
import type { MessageRecipient, StoredMessage } from '../store';

export type { Unavailability };

export interface MessageAccess {
  message: StoredMessage;
  role: 'sender' | 'recipient';
  recipient: MessageRecipient | null;
}

export type RefusalReason = 'not_a_party' | 'recalled' | 'expired';

/** How the audit log names each refusal of `open`. */
const REASON_OF: Partial<Record<RefusalCode, RefusalReason>> = { message_recalled: 'recalled', message_expired: 'expired' };
export const refusalReason = (refusal: Refusal): RefusalReason => REASON_OF[refusal.code] ?? 'not_a_party';

export type AccessVerdict =
  | { ok: true; access: MessageAccess }
  /** `exists`: whether the organization has a message with that id (a made-up id is not worth an audit event). */
  | { ok: false; refusal: Refusal; messageId: string; exists: boolean };

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

/**
 * Why a message cannot be opened, its own state first, then that of each message it forwards (nearest first), with
 * who recalled it and, for the message itself, the reason they gave.
 */
export async function unavailabilities(deps: AppDeps, message: StoredMessage, now = new Date()): Promise<Unavailability[]> {
  const chain = message.forwardedFrom ? [message, ...(await deps.store.messages.forwardSources(message.organizationId, message.id))] : [message];
  const found: Unavailability[] = [];
  for (const [i, m] of chain.entries()) {
    const reason = ownState(m, now);
    if (!reason) continue;
    const inherited = i > 0;
    const recaller = reason === 'recalled' && m.recalledBy ? await deps.store.accounts.findById(m.recalledBy) : null;
    // the reason was written for the recipients of the recalled message, not for those of a forward of it
    const recallReason = reason === 'recalled' && !inherited ? openRecallReason(deps, m) : null;
    found.push({ reason, message: m, inherited, recalledByName: recaller?.name ?? null, recallReason });
  }
  return found;
}

/** Whether the actor may open the message now, without recording anything. */
export async function judgeAccess(deps: AppDeps, actor: ActingMember, messageId: string): Promise<AccessVerdict> {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  const recipient = message
    ? ((await deps.store.messages.recipients(message.id)).find((r) => r.accountId === actor.account.id) ?? null)
    : null;
  // the rule asked first as if nothing were closed: someone who is no party is turned away before the recaller is
  // looked up or the recall reason decrypted, as neither is theirs to have, even in memory
  const asParty = can(actor, 'messages.open', { message, recipient, unavailable: [] });
  if (!asParty.allowed) return { ok: false, refusal: asParty, messageId, exists: message !== null };
  const unavailable = await unavailabilities(deps, message!);
  const verdict = can(actor, 'messages.open', { message, recipient, unavailable });
  if (!verdict.allowed) return { ok: false, refusal: verdict, messageId, exists: message !== null };
  // allowed, so the message is there: the rule opens no message that is not
  const opened = message!;
  const role = opened.senderId === actor.account.id && !opened.senderDeletedAt ? 'sender' : 'recipient';
  return { ok: true, access: { message: opened, role, recipient } };
}

/**
 * Refusals recorded per person and organization in an hour: enough to show someone trying doors, too few for a
 * member to bury the log (or hold its lock) by asking again and again. The last one recorded says so.
 */
export const AUDITED_REFUSALS = { name: 'audited-refusals', max: 20, windowSeconds: 60 * 60 };

/** Records a refused attempt on a message that exists, within the actor's hourly allowance. */
export async function auditRefusal(deps: AppDeps, actor: ActingMember, messageId: string, reason: RefusalReason, purpose: string): Promise<void> {
  const { hits } = await deps.store.rateLimits.hit(`${AUDITED_REFUSALS.name}:${actor.organization.id}:${actor.account.id}`, AUDITED_REFUSALS.windowSeconds);
  if (hits > AUDITED_REFUSALS.max) return;
  // a refusal changes nothing, so its event stands alone
  await deps.store.audit.record(actor, 'message.access_refused', { type: 'message', id: messageId },
    hits === AUDITED_REFUSALS.max ? { reason, purpose, furtherRefusalsUnrecordedForAnHour: true } : { reason, purpose });
}

/** The message if the actor may open it now; otherwise 404, or 410 when it (or what it forwards) was recalled or has expired. */
export async function readableMessage(deps: AppDeps, actor: ActingMember, messageId: string, purpose = 'open'): Promise<MessageAccess> {
  const verdict = await judgeAccess(deps, actor, messageId);
  if (verdict.ok) return verdict.access;
  if (verdict.exists) await auditRefusal(deps, actor, messageId, refusalReason(verdict.refusal), purpose);
  throw refusalError(verdict.refusal);
}
