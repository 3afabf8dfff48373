/** Inviting people, listing invitations, and following up on them (resend, withdraw, correct details). */
import { editInvitation, resendInvitation, revokeInvitation } from '../../commands/invitationManager';
import { inviteRecipient } from '../../commands/invitationSender';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { allows, authorize } from '../../policies/authorize';
import { presentInvitation } from '../../presenters/members';

export const invitationRoutes = [
  defineRoute(contract.invitations.create, {
    tag: 'invitations',
    summary:
      'Invite a person: creates their membership (status invited) and emails a single-use registration link. Someone removed earlier comes back as a new membership, without their old messages.',
    auth: 'session',
    errors: ['guest_cannot_invite', 'forbidden', 'invalid_email', 'already_member', 'already_invited', 'member_blocked', 'no_seats_available', 'sending_limited'],
    async handler({ actor, body, deps }) {
      const invitation = await deps.store.transaction((tx) => inviteRecipient(tx, deps, actor, { ...body, removedMayReturn: true }));
      const [listed] = (await deps.store.invitations.list(actor.organization.id, { invitedBy: actor.account.id, limit: 1 })).filter((i) => i.id === invitation.id);
      return presentInvitation(actor, listed ?? { ...invitation, inviterName: actor.account.name, registered: false, twoStepVerified: false });
    },
  }),
  defineRoute(contract.invitations.list, {
    tag: 'invitations',
    summary: 'Invitations of the organization (user managers and admins see all; other pros see the ones they sent).',
    auth: 'session',
    errors: ['guest_cannot_invite'],
    async handler({ actor, deps }) {
      authorize(actor, 'members.invite');
      const all = allows(actor, 'members.seeAllInvitations');
      const invitations = await deps.store.invitations.list(actor.organization.id, all ? {} : { invitedBy: actor.account.id });
      return { invitations: invitations.map((i) => presentInvitation(actor, i)) };
    },
  }),
  defineRoute(contract.invitations.resend, {
    tag: 'invitations',
    summary: 'Send the invitation again with a new link; the previous link stops working.',
    auth: 'session',
    errors: ['not_found', 'invitation_not_pending', 'forbidden', 'resend_limited', 'sending_limited'],
    async handler({ actor, params, deps }) {
      await resendInvitation(deps, actor, params.invitationId);
    },
  }),
  defineRoute(contract.invitations.revoke, {
    tag: 'invitations',
    summary: 'Withdraw a pending invitation; its link stops working.',
    auth: 'session',
    errors: ['not_found', 'invitation_not_pending', 'forbidden'],
    async handler({ actor, params, deps }) {
      await revokeInvitation(deps, actor, params.invitationId);
    },
  }),
  defineRoute(contract.invitations.edit, {
    tag: 'invitations',
    summary: "Correct an invited person's email, name or phone before they register; a new email gets a new link.",
    auth: 'session',
    errors: ['not_found', 'invitation_not_pending', 'forbidden', 'invalid_email', 'already_member', 'already_invited', 'sending_limited'],
    async handler({ actor, params, body, deps }) {
      authorize(actor, 'members.manage');
      await editInvitation(deps, actor, params.invitationId, body);
    },
  }),
];
