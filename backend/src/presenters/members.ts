/** Members and invitations as pages and the add-in see them, each with what the viewer may do to it. */
import type { z } from 'zod';
import type { invitationSchema, memberSchema } from '../contract/members';
import type { seatsSchema } from '../contract/organization';
import type { Actor } from '../auth/actor';
import { memberAbilities, memberPolicy } from '../policies/members';
import type { InvitationListing, MemberListing, Organization } from '../store';

const roleList = (m: { isAdmin: boolean; isUserManager: boolean }) =>
  [...(m.isAdmin ? ['admin' as const] : []), ...(m.isUserManager ? ['user_manager' as const] : [])];

export function presentMember(actor: Actor, member: MemberListing): z.infer<typeof memberSchema> {
  return {
    accountId: member.accountId,
    email: member.email,
    name: member.name,
    phone: member.phone,
    type: member.type,
    roles: roleList(member),
    status: member.status,
    twoStepVerified: member.twoStepVerified,
    lastLoginAt: member.lastLoginAt?.toISOString() ?? null,
    state: member.state,
    joinedAt: member.createdAt.toISOString(),
    invitationId: member.pendingInvitation?.id ?? null,
    abilities: {
      ...memberAbilities(actor, member),
      canResend: !!member.pendingInvitation && memberPolicy.followUpInvitation(actor, member.pendingInvitation),
    },
  };
}

export function presentInvitation(actor: Actor, invitation: InvitationListing): z.infer<typeof invitationSchema> {
  const pending = invitation.status === 'pending';
  const followUp = pending && memberPolicy.followUpInvitation(actor, invitation);
  const status =
    invitation.status === 'revoked'
      ? 'revoked'
      : invitation.status === 'pending'
        ? 'invited'
        : invitation.twoStepVerified
          ? 'verified'
          : 'registered';
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    phone: invitation.phone,
    type: invitation.type,
    status,
    invitedBy: invitation.invitedBy ? { id: invitation.invitedBy, name: invitation.inviterName ?? '' } : null,
    firstSentAt: invitation.firstSentAt.toISOString(),
    lastSentAt: invitation.lastSentAt.toISOString(),
    sendCount: invitation.sendCount,
    expiresAt: invitation.expiresAt.toISOString(),
    abilities: {
      canResend: followUp,
      canRevoke: followUp,
      canEdit: pending && memberPolicy.editInvited(actor, { accountId: invitation.accountId, type: invitation.type, status: 'invited', isAdmin: false }),
    },
  };
}

export function presentSeats(organization: Organization, used: number, unitPriceCents: number): z.infer<typeof seatsSchema> {
  return { purchased: organization.seatsPurchased, used, free: Math.max(0, organization.seatsPurchased - used), unitPriceCents };
}
