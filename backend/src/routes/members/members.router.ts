/** Members of the organization: listed, their type and roles changed, removed, signed out everywhere. */
import { resetMemberTwoStep } from '../../commands/twoStepReset';
import { changeMember, removeMember, signMemberOutEverywhere } from '../../commands/memberManager';
import { contract } from '../../contract';
import { MEMBER_COUNT_CAP } from '../../contract/members';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { encodeMemberCursor, toMemberFilter, toMemberPageQuery } from '../../presenters/memberList';
import { presentMember } from '../../presenters/members';

export const memberRoutes = [
  defineRoute(contract.members.list, {
    tag: 'members',
    summary: 'Members of the organization, pros and guests, with what you may do to each: searched, filtered, sorted, a page at a time.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request', 'invalid_cursor'],
    async handler({ actor, query, deps }) {
      authorize(actor, 'members.manage');
      const page = toMemberPageQuery(query);
      const rows = await deps.store.memberships.listMembers(actor.organization.id, { ...page, limit: query.limit + 1 });
      // A first page that holds every match is its own count (most searches); only a full one asks the database.
      let total: number | null = null;
      if (!query.cursor) {
        total = rows.length <= query.limit ? rows.length
          : await deps.store.memberships.countMembers(actor.organization.id, toMemberFilter(query), MEMBER_COUNT_CAP + 1);
      }
      const members = rows.slice(0, query.limit);
      const last = members[members.length - 1];
      return {
        members: members.map((m) => presentMember(actor, m)),
        next: rows.length > query.limit && last ? encodeMemberCursor(query, last) : null,
        total: total === null ? null : Math.min(total, MEMBER_COUNT_CAP),
        totalIsCapped: total !== null && total > MEMBER_COUNT_CAP,
      };
    },
  }),
  defineRoute(contract.members.update, {
    tag: 'members',
    summary: 'Change a member between pro and guest (a pro needs a free seat) and grant or revoke admin and user manager.',
    auth: 'session',
    errors: ['forbidden', 'not_found', 'no_seats_available', 'last_admin', 'roles_require_pro'],
    async handler({ actor, params, body, deps }) {
      await changeMember(deps, actor, params.accountId, body);
    },
  }),
  defineRoute(contract.members.remove, {
    tag: 'members',
    summary:
      "Remove a member: immediate and final; their sessions here end, pending invitations are withdrawn, and a pro's conversations pass to handOverTo (by default the person removing).",
    auth: 'session',
    errors: ['forbidden', 'not_found', 'last_admin', 'invalid_hand_over'],
    async handler({ actor, params, query, deps }) {
      await removeMember(deps, actor, params.accountId, query.handOverTo);
    },
  }),
  defineRoute(contract.members.signOut, {
    tag: 'members',
    summary: "End all of a member's sessions in this organization.",
    auth: 'session',
    errors: ['forbidden', 'not_found'],
    async handler({ actor, params, deps }) {
      return { sessionsEnded: await signMemberOutEverywhere(deps, actor, params.accountId) };
    },
  }),
  defineRoute(contract.members.resetTwoStep, {
    tag: 'members',
    summary: "Remove a member's 2-step verification (lost phone and recovery codes) and end their sessions here; audited.",
    auth: 'session',
    errors: ['forbidden', 'not_found', 'two_step_not_set_up'],
    async handler({ actor, params, deps }) {
      return { sessionsEnded: await resetMemberTwoStep(deps, actor, params.accountId) };
    },
  }),
];
