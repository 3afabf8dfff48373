/** What a sender can do after sending — recall (an admin too), set or change the expiry — and deleting from one's own view. */
import { aadFor, sealField } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/authorize';
import type { StoredMessage } from '../store';
import { messageDataKey } from './messageAccess';
import { voidRequestsOfRecalledMessage } from './signatureRequests';

async function ownMessage(deps: AppDeps, actor: Actor, messageId: string): Promise<StoredMessage> {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  if (!message) throw errors.notFound('That message');
  authorize(actor, 'messages.changeAfterSending', message);
  return message;
}

/**
 * From the moment of recall no recipient can open the message or its files — nor any forward of it, whoever made
 * it (messageAccess) — and they see who recalled it and when.
 */
export async function recallMessage(deps: AppDeps, actor: Actor, messageId: string, reason?: string): Promise<StoredMessage> {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  authorize(actor, 'messages.recallMessage', message);
  if (!message) throw errors.notFound('That message'); // the rule refuses a missing message; this tells the compiler
  if (message.recalledAt) throw errors.alreadyRecalled();
  const sealedReason = reason
    ? sealField(messageDataKey(deps, message), reason, aadFor(message.organizationId, 'message', message.id, 'recall_reason'))
    : null;
  await deps.store.transaction(async (tx) => {
    await tx.messages.recall(actor.organization.id, message.id, actor.account.id, sealedReason);
    // an admin recalling someone else's message: the audit names both, recipients see the admin's name
    await tx.audit.record(actor, 'message.recalled', { type: 'message', id: message.id },
      message.senderId === actor.account.id ? undefined : { senderId: message.senderId, asAdmin: true });
    await voidRequestsOfRecalledMessage(tx, actor, message.id);
  });
  return (await deps.store.messages.findById(actor.organization.id, message.id))!;
}

export async function setMessageExpiry(deps: AppDeps, actor: Actor, messageId: string, expiresAt: Date | null): Promise<void> {
  const message = await ownMessage(deps, actor, messageId);
  authorize(actor, 'messages.changeExpiry', { message, next: expiresAt });
  await deps.store.transaction(async (tx) => {
    await tx.messages.setExpiry(actor.organization.id, message.id, expiresAt);
    await tx.audit.record(actor, 'message.expiry_changed', { type: 'message', id: message.id }, { expiresAt: expiresAt?.toISOString() ?? null });
  });
}

/** Removes the message from the caller's own view only; the other side's copy stays. */
export async function deleteFromView(deps: AppDeps, actor: Actor, messageId: string): Promise<void> {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  if (!message) throw errors.notFound('That message');
  const deleted =
    message.senderId === actor.account.id
      ? await deps.store.messages.deleteForSender(actor.organization.id, message.id, actor.account.id)
      : await deps.store.messages.deleteForRecipient(message.id, actor.account.id);
  if (!deleted) throw errors.notFound('That message');
}
