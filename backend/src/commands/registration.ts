/**
 * Registration from an invitation link: a new person sets a name and password; someone who already has a Sealpost
 * account (a guest elsewhere, say) confirms with their existing password instead of getting a second account.
 * Ends signed in, or at the 2-step verification step when it applies; the invitation is used only at the end.
 */
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken, knownDeviceId } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUsePassword } from '../policies/sessions';
import { guardPasswordAttempt } from './attemptLimits';
import type { InvitationByToken } from '../store';
import type { ClientInfo } from './sessionIssuer';
import { completeSignIn, type SignInResult } from './signInCompleter';

export async function lookupInvitation(deps: AppDeps, token: string): Promise<InvitationByToken> {
  const invitation = await deps.store.invitations.findUsableByTokenHash(hashToken(token));
  if (!invitation) throw errors.invitationInvalid();
  return invitation;
}

export async function register(
  deps: AppDeps,
  input: { token: string; name?: string; password: string; phone?: string | null; client: ClientInfo; deviceToken?: string },
): Promise<SignInResult> {
  const invitation = await lookupInvitation(deps, input.token);
  const account = (await deps.store.accounts.findById(invitation.accountId))!;
  if (account.blockedAt) throw errors.accountBlocked();
  // A pro who must sign in through the provider accepts the invitation there, with no password of ours to set.
  assertMayUsePassword(invitation, await deps.store.ssoProviders.findByEmailDomain(account.email.slice(account.email.lastIndexOf('@') + 1)));

  let newPasswordHash: string | null = null;
  if (account.passwordHash) {
    const attempt = await guardPasswordAttempt(deps.store, {
      email: account.email,
      ip: input.client.ip,
      knownDeviceId: knownDeviceId(deps.secrets.jwtSecret, account.id, input.deviceToken),
    });
    if (!(await verifyPassword(account.passwordHash, input.password))) throw errors.invalidCredentials();
    await attempt.succeeded();
  } else {
    checkPasswordPolicy(input.password, { email: account.email });
    newPasswordHash = await hashPassword(input.password);
  }

  if (newPasswordHash) {
    const passwordHash = newPasswordHash;
    await deps.store.transaction(async (tx) => {
      await tx.accounts.setPassword(account.id, passwordHash);
      await tx.accounts.updateProfile(account.id, {
        name: input.name?.trim() || invitation.name || account.name,
        phone: input.phone ?? invitation.phone ?? null,
      });
    });
  }
  // The invitation is used, and the membership turns active, together with the session: after the second step when
  // one is owed, so an organization that requires 2-step never has an active member who skipped it.
  const registration = { invitationId: invitation.id, existingAccount: newPasswordHash === null };
  return completeSignIn(deps, { accountId: account.id, organizationId: invitation.organizationId, client: input.client, registration });
}
