/**
 * Changing members: type pro↔guest (seat permitting), admin and user-manager roles (never leaving the organization
 * without an admin), removal (immediate and final) and signing a member out everywhere.
 */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { ActingMember } from '../auth/actor';
import { authorize } from '../policies/authorize';
import type { Membership, MembershipType, Repositories } from '../store';

async function memberOf(tx: Repositories, actor: ActingMember, accountId: string): Promise<Membership> {
  const member = await tx.memberships.find(actor.organization.id, accountId);
  if (!member) throw errors.notFound('That member');
  return member;
}

async function audit(tx: Repositories, actor: ActingMember, action: string, accountId: string, data?: Record<string, unknown>) {
  await tx.audit.record(actor, action, { type: 'account', id: accountId }, data);
}

export interface MemberChange {
  type?: MembershipType;
  roles?: { admin?: boolean; userManager?: boolean };
}

/**
 * Type and roles change together or not at all: the whole change is checked against the member as it would end up
 * (a guest holds no role, an organization keeps an admin, a pro needs a seat) before anything is written.
 */
export async function changeMember(deps: AppDeps, actor: ActingMember, accountId: string, change: MemberChange): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const organization = (await tx.organizations.findForUpdate(actor.organization.id))!;
    const member = await memberOf(tx, actor, accountId);
    const type = change.type ?? member.type;
    const isAdmin = change.roles?.admin ?? member.isAdmin;
    const isUserManager = change.roles?.userManager ?? member.isUserManager;
    if (change.type) authorize(actor, 'members.changeType', member);
    // a member who is or is being made a pro may be given roles; a pro made a guest with roles is refused below
    if (change.roles) authorize(actor, 'members.grantRoles', type === 'pro' ? { ...member, type } : member);
    if (type === 'guest' && (isAdmin || isUserManager)) throw errors.rolesRequirePro();
    if (member.isAdmin && !isAdmin && (await tx.memberships.countActiveAdminsLocked(organization.id)) <= 1) throw errors.lastAdmin();
    if (type === 'pro' && member.type !== 'pro' && (await tx.memberships.countSeatsUsed(organization.id)) >= organization.seatsPurchased) {
      throw errors.noSeatsAvailable(organization.seatsPurchased);
    }
    if (type !== member.type) {
      await tx.memberships.setType(organization.id, accountId, type);
      await audit(tx, actor, 'member.type_changed', accountId, { from: member.type, to: type });
    }
    if (change.roles) {
      await tx.memberships.setRoles(organization.id, accountId, { isAdmin: change.roles.admin, isUserManager: change.roles.userManager });
      await audit(tx, actor, 'member.roles_changed', accountId, change.roles);
    }
  });
}

export async function changeMemberType(deps: AppDeps, actor: ActingMember, accountId: string, type: MembershipType): Promise<void> {
  await changeMember(deps, actor, accountId, { type });
}

/**
 * Removal is immediate and cannot be undone: the member's sessions in this organization and pending invites die.
 * A pro's conversations pass to `handOverTo` (by default the person removing): from then on a reply in one of their
 * threads goes to that pro instead (store/handovers.ts), so the client's thread carries on and the removed address
 * hears nothing more. Everything is checked before anything is written, so a refused removal changes nothing.
 */
export async function removeMember(deps: AppDeps, actor: ActingMember, accountId: string, handOverTo?: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.organizations.findForUpdate(actor.organization.id);
    const member = await memberOf(tx, actor, accountId);
    authorize(actor, 'members.remove', member);
    if (member.isAdmin && member.status === 'active' && (await tx.memberships.countActiveAdminsLocked(actor.organization.id)) <= 1) {
      throw errors.lastAdmin();
    }
    const successor = member.type === 'pro' ? await successorFor(tx, actor, accountId, handOverTo ?? actor.account.id) : null;
    await tx.memberships.setStatus(actor.organization.id, accountId, 'removed');
    const sessions = await tx.sessions.revokeAllForAccount(accountId, 'removed', actor.organization.id);
    const invitations = await tx.invitations.revokePendingForAccount(actor.organization.id, accountId);
    if (successor) await tx.handovers.handOver(actor.organization.id, accountId, successor.id, actor.account.id);
    await audit(tx, actor, 'member.removed', accountId, {
      sessionsRevoked: sessions,
      invitationsRevoked: invitations,
      // the name as well as the id: the audit view names the person, and the name is the one they had then
      ...(successor ? { conversationsHandedTo: successor.id, conversationsHandedToName: successor.name } : {}),
    });
  });
}

/** The pro taking over: looked up in this organization only, so another organization's member is simply not found. */
async function successorFor(tx: Repositories, actor: ActingMember, removedId: string, successorId: string): Promise<{ id: string; name: string }> {
  const membership = await tx.memberships.find(actor.organization.id, successorId);
  const account = membership ? await tx.accounts.findById(successorId) : null;
  const successor = membership && account ? { ...membership, blocked: account.blockedAt !== null } : null;
  authorize(actor, 'members.takeOverConversations', { removedId, successor });
  return { id: successorId, name: account!.name };
}

export async function signMemberOutEverywhere(deps: AppDeps, actor: ActingMember, accountId: string): Promise<number> {
  return deps.store.transaction(async (tx) => {
    const member = await memberOf(tx, actor, accountId);
    authorize(actor, 'members.signOutEverywhere', member);
    const count = await tx.sessions.revokeAllForAccount(accountId, 'signed_out_by_manager', actor.organization.id);
    await audit(tx, actor, 'member.signed_out', accountId, { sessions: count });
    return count;
  });
}
