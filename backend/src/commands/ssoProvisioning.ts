/**
 * Auto-provisioning at a first sign-in through the organization's provider: someone the provider vouches for on a
 * covered domain, unknown to the organization, joins it as the organization's settings say (autoProvision: guest,
 * or pro while a seat is free, else guest). They join as an invitation that no link can open (it is never mailed),
 * which the sign-in then accepts like any other: after the second step when one is owed, so an organization that
 * requires 2-step still has no active member who skipped it.
 */
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { ssoErrors } from '../signOnErrors';
import { auditActor, type Account, type Membership } from '../store';
import { expiryFor } from './invitationSender';
import type { PendingRegistration } from './twoStepChallenge';

export async function provisionFromProvider(
  deps: AppDeps,
  input: { organizationId: string; email: string; name: string | null },
): Promise<{ account: Account; membership: Membership; registration: PendingRegistration }> {
  return deps.store.transaction(async (tx) => {
    const organization = (await tx.organizations.findForUpdate(input.organizationId))!;
    if (organization.autoProvision === 'off') throw ssoErrors.noInvitation(organization.name);
    const existing = await tx.accounts.findByEmail(input.email);
    if (existing?.blockedAt) throw errors.accountBlocked();
    const account = existing ?? (await tx.accounts.create({
      email: input.email, name: input.name?.trim().slice(0, 120) || input.email.split('@')[0]!, passwordHash: null, phone: null,
    }));
    // Someone else's sign-in may have provisioned them a moment ago: then this one is refused and they sign in again.
    if (await tx.memberships.find(organization.id, account.id)) throw ssoErrors.stateMismatch();
    const seatFree = (await tx.memberships.countSeatsUsed(organization.id)) < organization.seatsPurchased;
    const type = organization.autoProvision === 'pro' && seatFree ? 'pro' : 'guest';
    await tx.memberships.create({ organizationId: organization.id, accountId: account.id, type, status: 'invited' });
    const invitation = await tx.invitations.create({
      organizationId: organization.id, accountId: account.id, email: input.email, name: input.name, phone: null, type, invitedBy: null,
      tokenHash: hashToken(newOpaqueToken()), expiresAt: expiryFor(organization),
    });
    await tx.audit.record(auditActor(organization.id, account.id), 'member.provisioned', { type: 'account', id: account.id }, {
      type, through: 'sso', invitationId: invitation.id,
    });
    const membership = (await tx.memberships.find(organization.id, account.id))!;
    return { account, membership, registration: { invitationId: invitation.id, existingAccount: existing !== null } };
  });
}
