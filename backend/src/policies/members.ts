/**
 * Who may do what to the organization's members and invitations. Pros invite guests; user managers and admins
 * invite pros and manage members; changing a member's type or roles is an admin's decision, and so is removing an
 * admin. Every member and invitation sent to a page carries these answers (`abilities`), so pages never repeat them.
 */
import { isActivePro, isAdmin, isGuest, managesUsers, needsAdmin, needsUserManager } from './roles';
import { ALLOWED, refuse, type PolicyActor, type Verdict } from './verdict';
import type { Membership } from '../store';

/** The member a rule is about, as stored (or as it would end up, for a change of type). */
export type MemberSubject = Pick<Membership, 'type' | 'status' | 'isAdmin'>;

const MANAGE_MEMBERS = needsUserManager("manage your organization's members");
const allowedIf = (ok: boolean, sentence: string): Verdict => (ok ? ALLOWED : refuse('forbidden', sentence));

export const memberRules = {
  invite(actor: PolicyActor): Verdict {
    if (isGuest(actor)) return refuse('guest_cannot_invite', 'Guests cannot invite people. Ask a member of the organization to invite them.');
    return allowedIf(isActivePro(actor), 'You need to be an active member of the organization to invite people.');
  },
  invitePros: (actor: PolicyActor) => allowedIf(managesUsers(actor), needsUserManager('invite pros; you can invite guests')),
  /** Seeing every invitation, not only one's own: a scope, never refused outright. */
  seeAllInvitations: (actor: PolicyActor) => allowedIf(managesUsers(actor), needsUserManager('see invitations other people sent')),
  /** The member list, a member's record, the export and bulk changes. */
  manage: (actor: PolicyActor) => allowedIf(managesUsers(actor), MANAGE_MEMBERS),
  /** The inviter may follow up on their own invitation (resend, withdraw); user managers and admins on any. */
  followUpInvitation: (actor: PolicyActor, invitation: { invitedBy: string | null }) =>
    allowedIf(
      managesUsers(actor) || (isActivePro(actor) && invitation.invitedBy === actor.account.id),
      'Only the person who sent this invitation, a user manager or an admin can resend or withdraw it.',
    ),
  editInvited(actor: PolicyActor, member: MemberSubject): Verdict {
    if (!managesUsers(actor)) return refuse('forbidden', needsUserManager("correct an invited person's details"));
    return allowedIf(member.status === 'invited', 'Only the details of someone who has not registered yet can be corrected.');
  },
  changeType(actor: PolicyActor, member: MemberSubject): Verdict {
    if (!isAdmin(actor)) return refuse('forbidden', needsAdmin('make a member a pro or a guest'));
    return allowedIf(member.status === 'active' || member.status === 'invited', 'A removed or blocked member cannot be made a pro or a guest.');
  },
  grantRoles(actor: PolicyActor, member: MemberSubject): Verdict {
    if (!isAdmin(actor)) return refuse('forbidden', needsAdmin('give or take away roles'));
    return allowedIf(member.type === 'pro' && member.status === 'active', 'Only active pros hold roles. Make this member a pro first.');
  },
  /** User managers may remove members but not admins: removing an admin is an admin's decision. */
  remove(actor: PolicyActor, member: MemberSubject): Verdict {
    if (member.isAdmin && !isAdmin(actor)) return refuse('forbidden', needsAdmin('remove an admin'));
    if (!managesUsers(actor)) return refuse('forbidden', needsUserManager('remove members'));
    return allowedIf(member.status !== 'removed', 'This member was already removed.');
  },
  /**
   * Who may take over a removed pro's conversations: an active pro of the same organization (the caller loads the
   * successor's membership here only, so another organization's member arrives as null), never the person leaving.
   */
  takeOverConversations(_actor: PolicyActor, { removedId, successor }: { removedId: string; successor: (MemberSubject & { accountId: string; blocked: boolean }) | null }): Verdict {
    const why = (reason: string) =>
      refuse('invalid_hand_over', `${reason} Choose an active pro of this organization, other than the person being removed, to take over their conversations.`);
    if (!successor) return why('That person is not a member of this organization.');
    if (successor.accountId === removedId) return why('The person being removed cannot take over their own conversations.');
    if (successor.type !== 'pro') return why('Guests cannot take over conversations.');
    if (successor.status !== 'active' || successor.blocked) return why('That person is not an active member.');
    return ALLOWED;
  },
  /**
   * For someone who lost their phone and recovery codes. An admin's 2-step is an admin's decision, as is removing
   * one; one's own goes through the account page, where the current second step is asked for.
   */
  resetTwoStep(actor: PolicyActor, member: MemberSubject & { accountId: string }): Verdict {
    if (member.isAdmin && !isAdmin(actor)) return refuse('forbidden', needsAdmin("reset an admin's 2-step verification"));
    if (!managesUsers(actor)) return refuse('forbidden', needsUserManager("reset a member's 2-step verification"));
    if (member.accountId === actor.account.id) return refuse('forbidden', 'Change your own 2-step verification on your account page.');
    return allowedIf(member.status === 'active', 'Only an active member can have their 2-step verification reset.');
  },
  signOutEverywhere(actor: PolicyActor, member: MemberSubject): Verdict {
    if (!managesUsers(actor)) return refuse('forbidden', needsUserManager('sign members out'));
    return allowedIf(member.status === 'active', 'Only active members have sessions to end.');
  },
};
