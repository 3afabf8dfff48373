/**
 * Who may do what to members and invitations of an organization. Routes call these on the server, and every
 * member or invitation sent to a page carries the answers (`abilities`), so pages never re-implement the rules.
 */
import { errors } from '../errors';
import type { Membership } from '../store';

type Actor = { account: { id: string }; membership: Membership };
type Subject = { accountId: string; type: Membership['type']; status: Membership['status']; isAdmin: boolean };

const isPro = (a: Actor) => a.membership.type === 'pro' && a.membership.status === 'active';
const isAdmin = (a: Actor) => isPro(a) && a.membership.isAdmin;
const managesUsers = (a: Actor) => isPro(a) && (a.membership.isAdmin || a.membership.isUserManager);

export const memberPolicy = {
  invite: isPro,
  invitePro: managesUsers,
  listAllInvitations: managesUsers,
  listMembers: managesUsers,
  buySeats: managesUsers,
  manageSettings: isAdmin,
  readSettings: managesUsers,
  /** The inviter may follow up on their own invitation; user managers and admins on any. */
  followUpInvitation: (a: Actor, invitation: { invitedBy: string | null }) =>
    managesUsers(a) || (isPro(a) && invitation.invitedBy === a.account.id),
  editInvited: (a: Actor, s: Subject) => managesUsers(a) && s.status === 'invited',
  changeType: (a: Actor, s: Subject) => isAdmin(a) && (s.status === 'active' || s.status === 'invited'),
  grantRoles: (a: Actor, s: Subject) => isAdmin(a) && s.type === 'pro' && s.status === 'active',
  /** User managers may remove members but not admins: removing an admin is an admin's decision. */
  remove: (a: Actor, s: Subject) =>
    s.status !== 'removed' && (isAdmin(a) || (managesUsers(a) && !s.isAdmin)),
  signOutEverywhere: (a: Actor, s: Subject) => managesUsers(a) && s.status === 'active',
};

export interface MemberAbilities {
  canEditInvited: boolean;
  canChangeType: boolean;
  canGrantRoles: boolean;
  canRemove: boolean;
  canSignOutEverywhere: boolean;
}

export function memberAbilities(actor: Actor, subject: Subject): MemberAbilities {
  return {
    canEditInvited: memberPolicy.editInvited(actor, subject),
    canChangeType: memberPolicy.changeType(actor, subject),
    canGrantRoles: memberPolicy.grantRoles(actor, subject),
    canRemove: memberPolicy.remove(actor, subject),
    canSignOutEverywhere: memberPolicy.signOutEverywhere(actor, subject),
  };
}

/** Throws 403 `forbidden` with a sentence naming what is needed. */
export function authorize(allowed: boolean, need: string): void {
  if (!allowed) throw errors.forbidden(`You need ${need} to do that.`);
}
