/**
 * Who may change what happens to a message after it was sent. Recalling is for pros (the capability table), and
 * so is anything that works like a recall: an expiry that comes sooner than the one recipients were given. A guest
 * may give its own message longer (a later expiry, or none), never less.
 */
import { errors } from '../errors';
import type { Membership } from '../store';

type Actor = { membership: Membership };

const isPro = (a: Actor) => a.membership.type === 'pro' && a.membership.status === 'active';

/** Whether the new expiry leaves recipients at least as long as the one they have (null: it never expires). */
const lastsAtLeastAsLong = (current: Date | null, next: Date | null) =>
  next === null || (current !== null && next.getTime() >= current.getTime());

export const messagePolicy = {
  recall: isPro,
  changeExpiry: (a: Actor, message: { expiresAt: Date | null }, next: Date | null) => isPro(a) || lastsAtLeastAsLong(message.expiresAt, next),
};

/** Throws 403 `forbidden` with what the sender may do instead. */
export function authorizeExpiryChange(actor: Actor, message: { expiresAt: Date | null }, next: Date | null): void {
  if (!messagePolicy.changeExpiry(actor, message, next)) {
    throw errors.forbidden(
      'Only staff can shorten how long a message can be opened, as that works like a recall. You can choose a later moment, or clear the expiry.',
    );
  }
}
