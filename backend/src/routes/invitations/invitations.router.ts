/** Inviting people, listing invitations, and following up on them (resend, withdraw, correct details). */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { editInvitation, resendInvitation, revokeInvitation } from '../../commands/invitationManager';
import { inviteRecipient } from '../../commands/invitationSender';
import { defineRoute } from '../../http/route';
import { allows, authorize } from '../../policies/authorize';
import { invitationSchema, presentInvitation } from '../../presenters/members';

const email = z.string().trim().min(1).max(320);
const name = displayText(120).min(1);
const phone = z.string().trim().regex(/^\+?[0-9 ().-]{5,32}$/, 'is not a phone number');
const invitationParams = z.strictObject({ invitationId: z.string().uuid() });

export const invitationRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/invitations',
    tag: 'invitations',
    summary: 'Invite a person: creates their membership (status invited) and emails a single-use registration link.',
    auth: 'session',
    body: z.strictObject({
      email,
      name: name.optional(),
      phone: phone.optional(),
      type: z.enum(['guest', 'pro', 'auto']).default('guest').describe('auto follows the domain provisioning policy.'),
    }),
    response: { status: 201, schema: invitationSchema, description: 'The invitation; the email is queued.' },
    errors: ['guest_cannot_invite', 'forbidden', 'invalid_email', 'already_member', 'already_invited', 'member_removed', 'member_blocked', 'no_seats_available', 'sending_limited'],
    async handler({ actor, body, deps }) {
      const invitation = await deps.store.transaction((tx) => inviteRecipient(tx, deps, actor, body));
      const [listed] = (await deps.store.invitations.list(actor.organization.id, { invitedBy: actor.account.id, limit: 1 })).filter((i) => i.id === invitation.id);
      return presentInvitation(actor, listed ?? { ...invitation, inviterName: actor.account.name, registered: false, twoStepVerified: false });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/invitations',
    tag: 'invitations',
    summary: 'Invitations of the organization (user managers and admins see all; other pros see the ones they sent).',
    auth: 'session',
    response: { status: 200, schema: z.object({ invitations: z.array(invitationSchema) }), description: 'Newest first.' },
    errors: ['guest_cannot_invite'],
    async handler({ actor, deps }) {
      authorize(actor, 'members.invite');
      const all = allows(actor, 'members.seeAllInvitations');
      const invitations = await deps.store.invitations.list(actor.organization.id, all ? {} : { invitedBy: actor.account.id });
      return { invitations: invitations.map((i) => presentInvitation(actor, i)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/invitations/:invitationId/resend',
    tag: 'invitations',
    summary: 'Send the invitation again with a new link; the previous link stops working.',
    auth: 'session',
    params: invitationParams,
    response: { status: 204, description: 'Sent again.' },
    errors: ['not_found', 'invitation_not_pending', 'forbidden', 'resend_limited', 'sending_limited'],
    async handler({ actor, params, deps }) {
      await resendInvitation(deps, actor, params.invitationId);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/invitations/:invitationId',
    tag: 'invitations',
    summary: 'Withdraw a pending invitation; its link stops working.',
    auth: 'session',
    params: invitationParams,
    response: { status: 204, description: 'Withdrawn.' },
    errors: ['not_found', 'invitation_not_pending', 'forbidden'],
    async handler({ actor, params, deps }) {
      await revokeInvitation(deps, actor, params.invitationId);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/invitations/:invitationId',
    tag: 'invitations',
    summary: "Correct an invited person's email, name or phone before they register; a new email gets a new link.",
    auth: 'session',
    params: invitationParams,
    body: z.strictObject({ email: email.optional(), name: name.nullable().optional(), phone: phone.nullable().optional() }),
    response: { status: 204, description: 'Saved (and re-sent when the email changed).' },
    errors: ['not_found', 'invitation_not_pending', 'forbidden', 'invalid_email', 'already_member', 'already_invited', 'sending_limited'],
    async handler({ actor, params, body, deps }) {
      authorize(actor, 'members.manage');
      await editInvitation(deps, actor, params.invitationId, body);
    },
  }),
];
