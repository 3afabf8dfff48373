/** A member as the admin page's drawer shows them: the list row, their invitations, live sessions and history. */
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { InvitationListing, MemberEvent, MemberListing } from '../store';
import { invitationSchema, memberSchema, presentInvitation, presentMember } from './members';

export const memberDetailSchema = z.object({
  member: memberSchema,
  invitations: z.array(invitationSchema).describe('Invitations of this person to the organization, newest first.'),
  liveSessions: z.number().int().describe('Signed-in sessions in this organization right now.'),
  history: z.array(
    z.object({
      seq: z.number().int(),
      action: z.string().describe('Audit action, e.g. member.invited, invitation.resent, member.roles_changed.'),
      actorName: z.string().nullable(),
      at: z.string().datetime(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

export function presentMemberDetail(
  actor: Actor,
  input: { member: MemberListing; invitations: InvitationListing[]; liveSessions: number; events: MemberEvent[] },
): z.infer<typeof memberDetailSchema> {
  return {
    member: presentMember(actor, input.member),
    invitations: input.invitations.map((i) => presentInvitation(actor, i)),
    liveSessions: input.liveSessions,
    history: input.events.map((e) => ({ seq: e.seq, action: e.action, actorName: e.actorName, at: e.createdAt.toISOString(), data: e.data })),
  };
}
