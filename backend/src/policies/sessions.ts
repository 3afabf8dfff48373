/**
 * Who may start which session from the one they hold. A device session stands for the sign-in that started it, so
 * only a session someone signed in to may start one: a device session cannot start another and so outlive its parent.
 */
import { errors, type AppError } from '../errors';
import { ssoErrors } from '../signOnErrors';
import type { Account, EndedSession, Membership, Session, SsoProvider } from '../store';

export const sessionPolicy = {
  startDeviceSession: (actor: { session: Pick<Session, 'parentSessionId'> }) => actor.session.parentSessionId === null,
};

/** The membership and account checks shared by every request and by sign-in. */
export function assertMayUse(account: Account, membership: Membership, organizationName: string): void {
  if (account.blockedAt || membership.status === 'blocked') throw errors.accountBlocked();
  if (membership.status === 'removed') throw errors.accessRevoked(organizationName);
  if (membership.status !== 'active') throw errors.notAMember();
}

/** What a person is told of a session that ended by someone's decision, so a page can say why instead of just "sign in". */
const ENDED_BECAUSE: Record<string, (organizationName: string) => string> = {
  signed_out_by_manager: (org) => `${org} signed you out on all your devices. Sign in again to continue.`,
  two_step_reset: (org) => `${org} reset your 2-step verification, so you were signed out. Sign in again to set it up.`,
  password_reset: () => 'Your password was reset, so you were signed out everywhere. Sign in with your new password.',
  password_changed: () => 'Your password was changed, so you were signed out here. Sign in with your new password.',
  revoked_by_user: () => 'This session was ended from your account page. Sign in again to continue.',
};

/**
 * The answer to a request whose session is not live: 403 access_revoked when the membership was removed (whatever
 * ended the session), account_blocked when blocked, else 401 session_revoked with how it ended when we know.
 */
export function endedSessionError(ended: EndedSession | null, accountId: string): AppError {
  if (!ended || ended.accountId !== accountId) return errors.sessionRevoked();
  if (ended.accountBlocked || ended.membershipStatus === 'blocked') return errors.accountBlocked();
  if (ended.membershipStatus === 'removed') return errors.accessRevoked(ended.organizationName);
  const sentence = ended.revokedReason ? ENDED_BECAUSE[ended.revokedReason] : undefined;
  return sentence ? errors.sessionRevoked({ reason: ended.revokedReason!, sentence: sentence(ended.organizationName) }) : errors.sessionRevoked();
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
