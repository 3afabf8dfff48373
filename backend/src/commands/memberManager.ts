/**
 * Changing members: type pro↔guest (seat permitting), admin and user-manager roles (never leaving the organization
 * without an admin), removal (immediate and final), signing a member out everywhere, and buying seats.
 */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../http/authenticate';
import { authorize, memberPolicy } from '../policies/members';
import type { Membership, MembershipType, Organization, Repositories } from '../store';

async function memberOf(tx: Repositories, actor: Actor, accountId: string): Promise<Membership> {
  const member = await tx.memberships.find(actor.organization.id, accountId);
  if (!member) throw errors.notFound('That member');
  return member;
}

async function audit(tx: Repositories, actor: Actor, action: string, accountId: string, data?: Record<string, unknown>) {
  await tx.audit.append({ organizationId: actor.organization.id, actorId: actor.account.id, action, targetType: 'account', targetId: accountId, data });
}

export async function changeMemberType(deps: AppDeps, actor: Actor, accountId: string, type: MembershipType): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const organization = (await tx.organizations.findForUpdate(actor.organization.id))!;
    const member = await memberOf(tx, actor, accountId);
    authorize(memberPolicy.changeType(actor, member), 'the admin role');
    if (member.type === type) return;
    if (type === 'guest' && (member.isAdmin || member.isUserManager)) throw errors.rolesRequirePro();
    if (type === 'pro' && (await tx.memberships.countSeatsUsed(organization.id)) >= organization.seatsPurchased) {
      throw errors.noSeatsAvailable(organization.seatsPurchased);
    }
    await tx.memberships.setType(organization.id, accountId, type);
    await audit(tx, actor, 'member.type_changed', accountId, { from: member.type, to: type });
  });
}

export async function setMemberRoles(
  deps: AppDeps,
  actor: Actor,
  accountId: string,
  roles: { admin?: boolean; userManager?: boolean },
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.organizations.findForUpdate(actor.organization.id);
    const member = await memberOf(tx, actor, accountId);
    authorize(memberPolicy.grantRoles(actor, member), 'the admin role');
    if (roles.admin === false && member.isAdmin && (await tx.memberships.countActiveAdminsLocked(actor.organization.id)) <= 1) {
      throw errors.lastAdmin();
    }
    await tx.memberships.setRoles(actor.organization.id, accountId, { isAdmin: roles.admin, isUserManager: roles.userManager });
    await audit(tx, actor, 'member.roles_changed', accountId, roles);
  });
}

/** Removal is immediate and cannot be undone: the member's sessions in this organization and pending invites die. */
export async function removeMember(deps: AppDeps, actor: Actor, accountId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.organizations.findForUpdate(actor.organization.id);
    const member = await memberOf(tx, actor, accountId);
    authorize(memberPolicy.remove(actor, member), member.isAdmin ? 'the admin role to remove an admin' : 'the admin or user manager role');
    if (member.isAdmin && member.status === 'active' && (await tx.memberships.countActiveAdminsLocked(actor.organization.id)) <= 1) {
      throw errors.lastAdmin();
    }
    await tx.memberships.setStatus(actor.organization.id, accountId, 'removed');
    const sessions = await tx.sessions.revokeAllForAccount(accountId, 'removed', actor.organization.id);
    const invitations = await tx.invitations.revokePendingForAccount(actor.organization.id, accountId);
    await audit(tx, actor, 'member.removed', accountId, { sessionsRevoked: sessions, invitationsRevoked: invitations });
  });
}

export async function signMemberOutEverywhere(deps: AppDeps, actor: Actor, accountId: string): Promise<number> {
  return deps.store.transaction(async (tx) => {
    const member = await memberOf(tx, actor, accountId);
    authorize(memberPolicy.signOutEverywhere(actor, member), 'the admin or user manager role');
    const count = await tx.sessions.revokeAllForAccount(accountId, 'signed_out_by_manager', actor.organization.id);
    await audit(tx, actor, 'member.signed_out', accountId, { sessions: count });
    return count;
  });
}

export async function buySeats(deps: AppDeps, actor: Actor, seats: number): Promise<Organization> {
  authorize(memberPolicy.buySeats(actor), 'the admin or user manager role');
  return deps.store.transaction(async (tx) => {
    const organization = await tx.organizations.addSeats({
      organizationId: actor.organization.id,
      purchasedBy: actor.account.id,
      seats,
      unitPriceCents: deps.config.seatPriceCents,
    });
    await tx.audit.append({
      organizationId: organization.id,
      actorId: actor.account.id,
      action: 'seats.purchased',
      targetType: 'organization',
      targetId: organization.id,
      data: { seats, unitPriceCents: deps.config.seatPriceCents },
    });
    return organization;
  });
}
