/**
 * The standings a rule can be asked about, as plain memberships: the unit tests of the rules try each rule with
 * every one of them. A blocked or invited membership never reaches a rule through a request (sign-in stops it);
 * the rules still refuse it, so a rule never leans on that.
 */
import type { PolicyActor } from '../verdict';

const actor = (id: string, membership: PolicyActor['membership']): PolicyActor => ({ account: { id }, membership });
const active = { status: 'active' as const, isAdmin: false, isUserManager: false };

export const actors = {
  admin: actor('admin', { ...active, type: 'pro', isAdmin: true }),
  userManager: actor('user-manager', { ...active, type: 'pro', isUserManager: true }),
  pro: actor('pro', { ...active, type: 'pro' }),
  guest: actor('guest', { ...active, type: 'guest' }),
  /** A guest whose row still says admin (roles are cleared when a pro becomes a guest, but a rule must not care). */
  guestFlaggedAdmin: actor('guest-flagged', { ...active, type: 'guest', isAdmin: true, isUserManager: true }),
  blockedAdmin: actor('blocked-admin', { ...active, type: 'pro', isAdmin: true, status: 'blocked' }),
};

export type ActorName = keyof typeof actors;
export const ACTOR_NAMES = Object.keys(actors) as ActorName[];
