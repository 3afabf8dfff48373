/** Members of the organization: listed, their type and roles changed, removed, signed out everywhere. */
import { z } from 'zod';
import { changeMember, removeMember, signMemberOutEverywhere } from '../../commands/memberManager';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { encodeMemberCursor, memberListQuery, toMemberFilter, toMemberPageQuery } from '../../presenters/memberList';
import { memberSchema, presentMember } from '../../presenters/members';

const memberParams = z.strictObject({ accountId: z.string().uuid() });
/** The list counts matches no further than this: an exact count of 100,000 rows costs more than a page. */
const COUNT_CAP = 10_000;

export const memberRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/members',
    tag: 'members',
    summary: 'Members of the organization, pros and guests, with what you may do to each: searched, filtered, sorted, a page at a time.',
    auth: 'session',
    query: memberListQuery,
    response: {
      status: 200,
      schema: z.object({
        members: z.array(memberSchema),
        next: z.string().nullable().describe('Cursor of the next page; null on the last page.'),
        total: z.number().int().nullable().describe(`Members matching the search and filters, counted up to ${COUNT_CAP}; first page only.`),
        totalIsCapped: z.boolean().describe(`True when more than ${COUNT_CAP} match (total is then ${COUNT_CAP}).`),
      }),
      description: 'One page of members, by name unless asked otherwise.',
    },
    errors: ['forbidden', 'invalid_request', 'invalid_cursor'],
    async handler({ actor, query, deps }) {
      authorize(actor, 'members.manage');
      const page = toMemberPageQuery(query);
      const rows = await deps.store.memberships.listMembers(actor.organization.id, { ...page, limit: query.limit + 1 });
      // A first page that holds every match is its own count (most searches); only a full one asks the database.
      let total: number | null = null;
      if (!query.cursor) {
        total = rows.length <= query.limit ? rows.length
          : await deps.store.memberships.countMembers(actor.organization.id, toMemberFilter(query), COUNT_CAP + 1);
      }
      const members = rows.slice(0, query.limit);
      const last = members[members.length - 1];
      return {
        members: members.map((m) => presentMember(actor, m)),
        next: rows.length > query.limit && last ? encodeMemberCursor(query, last) : null,
        total: total === null ? null : Math.min(total, COUNT_CAP),
        totalIsCapped: total !== null && total > COUNT_CAP,
      };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/members/:accountId',
    tag: 'members',
    summary: 'Change a member between pro and guest (a pro needs a free seat) and grant or revoke admin and user manager.',
    auth: 'session',
    params: memberParams,
    body: z.strictObject({
      type: z.enum(['pro', 'guest']).optional(),
      roles: z.strictObject({ admin: z.boolean().optional(), userManager: z.boolean().optional() }).optional(),
    }),
    response: { status: 204, description: 'Changed.' },
    errors: ['forbidden', 'not_found', 'no_seats_available', 'last_admin', 'roles_require_pro'],
    async handler({ actor, params, body, deps }) {
      await changeMember(deps, actor, params.accountId, body);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/members/:accountId',
    tag: 'members',
    summary: 'Remove a member: immediate and final; their sessions here end and pending invitations are withdrawn.',
    auth: 'session',
    params: memberParams,
    response: { status: 204, description: 'Removed.' },
    errors: ['forbidden', 'not_found', 'last_admin'],
    async handler({ actor, params, deps }) {
      await removeMember(deps, actor, params.accountId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/members/:accountId/sign-out',
    tag: 'members',
    summary: "End all of a member's sessions in this organization.",
    auth: 'session',
    params: memberParams,
    response: { status: 200, schema: z.object({ sessionsEnded: z.number().int() }), description: 'Sessions ended.' },
    errors: ['forbidden', 'not_found'],
    async handler({ actor, params, deps }) {
      return { sessionsEnded: await signMemberOutEverywhere(deps, actor, params.accountId) };
    },
  }),
];
