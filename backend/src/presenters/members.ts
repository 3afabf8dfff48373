/** Members and invitations as pages and the add-in see them, each with what the viewer may do to it; members as CSV lines. */
import type { z } from 'zod';
import type { invitationSchema, memberSchema } from '../contract/members';
import type { Seats } from '../contract/organization';
import type { Actor } from '../auth/actor';
import { csvRow } from '../http/csv';
import { memberAbilities } from '../policies/abilities';
import { allows } from '../policies/authorize';
import type { PolicyActor } from '../policies/verdict';
import type { SeatCounts } from '../commands/billing';
import type { InvitationListing, MemberListing } from '../store';

const roleList = (m: { isAdmin: boolean; isUserManager: boolean }) =>
  [...(m.isAdmin ? ['admin' as const] : []), ...(m.isUserManager ? ['user_manager' as const] : [])];

export function presentMember(actor: PolicyActor, member: MemberListing): z.infer<typeof memberSchema> {
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
      canResend: !!member.pendingInvitation && allows(actor, 'members.followUpInvitation', member.pendingInvitation),
    },
  };
}

export function presentInvitation(actor: Actor, invitation: InvitationListing): z.infer<typeof invitationSchema> {
  const pending = invitation.status === 'pending';
  const followUp = pending && allows(actor, 'members.followUpInvitation', invitation);
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
      canEdit: pending && allows(actor, 'members.editInvited', { type: invitation.type, status: 'invited', isAdmin: false }),
    },
  };
}

export function presentSeats(c: SeatCounts): Seats {
  return {
    purchased: c.heldThisPeriod,
    used: c.used,
    free: Math.max(0, c.organization.seatsPurchased - c.used),
    unitPriceCents: c.unitPriceCents,
    taxRateBasisPoints: c.taxRateBasisPoints,
    monthlyCents: c.monthlyCents,
    nextPeriod: c.nextPeriod && { from: c.nextPeriod.from.toISOString(), seats: c.nextPeriod.seats },
  };
}

const STATE_LABEL = { invited: 'Invited', registered: 'Registered', verified: '2-step verified', removed: 'Removed', blocked: 'Blocked' };

export const MEMBER_CSV_HEADER = ['Name', 'Email', 'Phone', 'Type', 'Roles', 'Status', '2-step verification', 'Joined', 'Last sign-in'];

export function memberCsvRow(m: MemberListing): string {
  const roles = [m.isAdmin ? 'admin' : null, m.isUserManager ? 'user manager' : null].filter(Boolean).join('; ');
  return csvRow([m.name, m.email, m.phone, m.type, roles, STATE_LABEL[m.state], m.twoStepVerified ? 'yes' : 'no',
    m.createdAt.toISOString(), m.lastLoginAt?.toISOString() ?? '']);
}
