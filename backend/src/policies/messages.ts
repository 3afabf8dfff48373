/**
 * Who may open a message and what they may do with it. Its sender and its recipients open it while it is neither
 * recalled nor expired; a forward carries another message's content, so a recall or expiry of the message it
 * forwards (or of anything further up that chain) closes the forward too, for everyone but the person who recalled
 * or sent that message. Recalling and forwarding are for staff (pros), and so is anything that works like a recall:
 * an expiry sooner than the one recipients were given. Admins may recall any message of their organization, and a
 * message marked "no forwarding" is forwarded by nobody but its sender. A guest writes only to the organization's pros.
 * The answer never says more than the person may know: whoever is not a party is told the message does not exist.
 */
import { isActivePro, isAdmin, needsAdmin } from './roles';
import { ALLOWED, refuse, type PolicyActor, type Refusal, type Verdict } from './verdict';
import type { MessageRecipient, StoredMessage } from '../store';

/** A message that cannot be opened any more: this one, or (inherited) one that it forwards. */
export interface Unavailability {
  reason: 'recalled' | 'expired';
  message: StoredMessage;
  inherited: boolean;
  /** Who recalled it, by name, when they are still known. */
  recalledByName: string | null;
  /** The recall reason, opened only for the message itself: it was written for its recipients, not a forward's. */
  recallReason: string | null;
}

/** What the `open` rule weighs: the message (null when there is none), the actor's own recipient row, and why it may be closed. */
export interface OpenSubject {
  message: StoredMessage | null;
  recipient: Pick<MessageRecipient, 'deletedAt'> | null;
  unavailable: Unavailability[];
}

export const MESSAGE_NOT_FOUND = 'That message was not found.';
const SHORTENING_IS_RECALLING =
  'Only staff can shorten how long a message can be opened, as that works like a recall. You can choose a later moment, or clear the expiry.';
const GUEST_WRITES_TO_PROS = "As a guest you can write only to the organization's members who are pros, or reply to a conversation.";

/** What keeps `viewerId` from the content: a recall or expiry of a message someone else sent. */
export const blockingFor = (found: Unavailability[], viewerId: string) => found.find((u) => u.message.senderId !== viewerId) ?? null;

/** Whether the new expiry leaves recipients at least as long as the one they have (null: it never expires). */
const lastsAtLeastAsLong = (current: Date | null, next: Date | null) =>
  next === null || (current !== null && next.getTime() >= current.getTime());

const day = (d: Date) => d.toISOString().slice(0, 10);

function closedRefusal(blocking: Unavailability, threadId: string): Refusal {
  const { message, inherited } = blocking;
  if (blocking.reason === 'expired') {
    const detail = inherited
      ? `The message this one forwards expired on ${day(message.expiresAt!)}, so this one can no longer be opened either.`
      : `This message expired on ${day(message.expiresAt!)} and can no longer be opened.`;
    return refuse('message_expired', detail, { expiredAt: message.expiresAt!.toISOString(), forwarded: inherited, threadId });
  }
  const name = blocking.recalledByName ?? 'the sender';
  const reason = blocking.recallReason;
  const detail = inherited
    ? `The message this one forwards was recalled by ${name} on ${day(message.recalledAt!)}, so this one can no longer be opened either.`
    : `Recalled by ${name} on ${day(message.recalledAt!)}.${reason ? ` Reason: ${reason}` : ''}`;
  return refuse('message_recalled', detail, {
    recalledBy: blocking.recalledByName,
    recalledAt: message.recalledAt!.toISOString(),
    reason,
    forwarded: inherited,
    threadId,
  });
}

export const messageRules = {
  /** Reading a message (and the files it carries), replying to it or forwarding it all start here. */
  open(actor: PolicyActor, { message, recipient, unavailable }: OpenSubject): Verdict {
    const isSender = message !== null && message.senderId === actor.account.id && !message.senderDeletedAt;
    const isRecipient = recipient !== null && recipient.deletedAt === null;
    if (!message || (!isSender && !isRecipient)) return refuse('not_found', MESSAGE_NOT_FOUND);
    const blocking = blockingFor(unavailable, actor.account.id);
    return blocking ? closedRefusal(blocking, message.threadId) : ALLOWED;
  },
  /** Recalling, changing the expiry: only the sender's own message; anyone else is told it does not exist. */
  changeAfterSending: (actor: PolicyActor, message: Pick<StoredMessage, 'senderId'> | null): Verdict =>
    message !== null && message.senderId === actor.account.id ? ALLOWED : refuse('not_found', MESSAGE_NOT_FOUND),
  recall: (actor: PolicyActor): Verdict => (isActivePro(actor) ? ALLOWED : refuse('forbidden', 'Only pros can recall messages.')),
  /** Any message of the organization, whoever sent it: an admin's answer to a message that should not have gone out. */
  recallAny: (actor: PolicyActor): Verdict => (isAdmin(actor) ? ALLOWED : refuse('forbidden', needsAdmin("recall other people's messages"))),
  /** This message: its sender, or an admin of its organization (pros both); another pro is told it does not exist. */
  recallMessage(actor: PolicyActor, message: Pick<StoredMessage, 'senderId'> | null): Verdict {
    const recalls = messageRules.recall(actor);
    if (!recalls.allowed) return recalls;
    return message !== null && (message.senderId === actor.account.id || isAdmin(actor)) ? ALLOWED : refuse('not_found', MESSAGE_NOT_FOUND);
  },
  /** An expiry sooner than the one recipients were given works like a recall. */
  shortenExpiry: (actor: PolicyActor): Verdict => (isActivePro(actor) ? ALLOWED : refuse('forbidden', SHORTENING_IS_RECALLING)),
  /** A guest may give its own message longer (a later expiry, or none), never less. */
  changeExpiry: (actor: PolicyActor, change: { message: Pick<StoredMessage, 'expiresAt'>; next: Date | null }): Verdict =>
    isActivePro(actor) || lastsAtLeastAsLong(change.message.expiresAt, change.next) ? ALLOWED : refuse('forbidden', SHORTENING_IS_RECALLING),
  forward: (actor: PolicyActor): Verdict =>
    isActivePro(actor) ? ALLOWED : refuse('guest_cannot_forward', 'Only staff can forward messages. Reply to the conversation instead.'),
  /** A message marked "no forwarding" goes no further than its recipients; its sender still may pass it on. */
  forwardMessage(actor: PolicyActor, message: Pick<StoredMessage, 'senderId' | 'noForwarding'>): Verdict {
    const allowed = messageRules.forward(actor);
    if (!allowed.allowed || !message.noForwarding || message.senderId === actor.account.id) return allowed;
    return refuse('forwarding_disabled', 'Its sender marked this message "no forwarding". Reply to the conversation, or ask the sender to send it on.');
  },
  /** Staff write to anyone, inviting newcomers by writing to them; guests write to the organization's pros. */
  writeToAnyone: (actor: PolicyActor): Verdict => (isActivePro(actor) ? ALLOWED : refuse('guest_compose_limit', GUEST_WRITES_TO_PROS)),
  /** `outside`: the addresses a guest may not write to (neither a pro of the organization nor in the conversation). */
  writeTo: (actor: PolicyActor, { outside }: { outside: string[] }): Verdict =>
    isActivePro(actor) || outside.length === 0
      ? ALLOWED
      : refuse('guest_compose_limit', `${GUEST_WRITES_TO_PROS} Remove: ${outside.join(', ')}.`, { recipients: outside }),
};
