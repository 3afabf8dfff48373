/**
 * Who may open a message and its files: its sender, and its recipients while it is neither recalled nor expired.
 * A refused attempt is an audit event, and the answer never says more than the caller may know.
 */
import { aadFor, openField, unwrapDataKey } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { AppError, errors } from '../errors';
import type { Actor } from '../http/authenticate';
import type { MessageRecipient, StoredMessage } from '../store';

export interface MessageAccess {
  message: StoredMessage;
  role: 'sender' | 'recipient';
  recipient: MessageRecipient | null;
}

export function messageDataKey(deps: AppDeps, message: Pick<StoredMessage, 'organizationId' | 'id' | 'dataKeyId' | 'dataKey'>): Buffer {
  return unwrapDataKey(deps.secrets.keyring, { keyId: message.dataKeyId, wrapped: message.dataKey }, aadFor(message.organizationId, 'message', message.id));
}

export function openRecallReason(deps: AppDeps, message: StoredMessage): string | null {
  if (!message.recallReasonSealed) return null;
  return openField(messageDataKey(deps, message), message.recallReasonSealed, aadFor(message.organizationId, 'message', message.id, 'recall_reason'));
}

async function recalledError(deps: AppDeps, message: StoredMessage): Promise<AppError> {
  const by = message.recalledBy ? await deps.store.accounts.findById(message.recalledBy) : null;
  const reason = openRecallReason(deps, message);
  const when = message.recalledAt!.toISOString().slice(0, 10);
  return new AppError(410, 'message_recalled', `Recalled by ${by?.name ?? 'the sender'} on ${when}.${reason ? ` Reason: ${reason}` : ''}`, {
    recalledBy: by?.name ?? null,
    recalledAt: message.recalledAt!.toISOString(),
    reason,
  });
}

/** The message if the actor may open it now; otherwise 404, or 410 when it was recalled or has expired. */
export async function readableMessage(deps: AppDeps, actor: Actor, messageId: string, purpose = 'open'): Promise<MessageAccess> {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  const recipient = message
    ? ((await deps.store.messages.recipients(message.id)).find((r) => r.accountId === actor.account.id) ?? null)
    : null;
  const isSender = message?.senderId === actor.account.id && !message.senderDeletedAt;
  const isRecipient = recipient !== null && recipient.deletedAt === null;
  const refuse = async (error: AppError, reason: string) => {
    await deps.store.audit.append({
      organizationId: actor.organization.id,
      actorId: actor.account.id,
      action: 'message.access_refused',
      targetType: 'message',
      targetId: messageId,
      data: { reason, purpose },
    });
    return error;
  };
  if (!message || (!isSender && !isRecipient)) throw await refuse(errors.notFound('That message'), 'not_a_party');
  if (isSender) return { message, role: 'sender', recipient };
  if (message.recalledAt) throw await refuse(await recalledError(deps, message), 'recalled');
  if (message.expiresAt && message.expiresAt <= new Date()) {
    throw await refuse(new AppError(410, 'message_expired', `This message expired on ${message.expiresAt.toISOString().slice(0, 10)} and can no longer be opened.`), 'expired');
  }
  return { message, role: 'recipient', recipient };
}
