/**
 * Who may start which session from the one they hold. A device session stands for the sign-in that started it, so
 * only a session someone signed in to may start one: a device session cannot start another and so outlive its parent.
 */
import { errors } from '../errors';
import { ssoErrors } from '../signOnErrors';
import type { Account, Membership, Session, SsoProvider } from '../store';

export const sessionPolicy = {
  startDeviceSession: (actor: { session: Pick<Session, 'parentSessionId'> }) => actor.session.parentSessionId === null,
};

/** The membership and account checks shared by every request and by sign-in. */
export function assertMayUse(account: Account, membership: Membership, organizationName: string): void {
  if (account.blockedAt || membership.status === 'blocked') throw errors.accountBlocked();
  if (membership.status === 'removed') throw errors.accessRevoked(organizationName);
  if (membership.status !== 'active') throw errors.notAMember();
}

/**
 * Password sign-in (and registering with a password from an invitation), given the provider covering the address's
 * domain (if any): refused for a pro of the provider's
 * own organization when its admins say pros must use it, with the sentence saying where to sign in. Guests keep
 * their password (and 2-step): the provider is for staff.
 */
export function assertMayUsePassword(membership: Pick<Membership, 'organizationId' | 'type'>, coveringProvider: SsoProvider | null): void {
  const mustUseSso = coveringProvider?.prosMustUseSso === true && coveringProvider.organizationId === membership.organizationId;
  if (mustUseSso && membership.type === 'pro') throw ssoErrors.ssoRequired(coveringProvider.displayName);
}

/**
 * Signing in with the Microsoft token Outlook passes on (commands/entraSignIn.ts) is for staff: guests keep their
 * password and 2-step, so they are sent to the add-in's sign-in window.
 */
export function assertMayUseMicrosoftToken(membership: Pick<Membership, 'type'>, organizationName: string): void {
  if (membership.type !== 'pro') throw ssoErrors.dialogSignInRequired('guest', organizationName);
}
