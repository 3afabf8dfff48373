/** A member as the admin page's drawer shows them: the list row, their invitations, live sessions and history. */
import type { z } from 'zod';
import type { memberDetailSchema } from '../contract/members';
import type { Actor } from '../auth/actor';
import type { InvitationListing, MemberEvent, MemberListing } from '../store';
import { presentInvitation, presentMember } from './members';

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
