/** Members of the organization, their type and roles, removal, seats and the organization's policies. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { buySeats, changeMember, removeMember, signMemberOutEverywhere } from '../../commands/memberManager';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../auth/actor';
import { defineRoute } from '../../http/route';
import { allows, authorize } from '../../policies/authorize';
import { encodeMemberCursor, memberListQuery, toMemberFilter, toMemberPageQuery } from '../../presenters/memberList';
import { memberSchema, presentMember, presentSeats, seatsSchema } from '../../presenters/members';
import type { Organization } from '../../store';

const memberParams = z.strictObject({ accountId: z.string().uuid() });
/** The list counts matches no further than this: an exact count of 100,000 rows costs more than a page. */
const COUNT_CAP = 10_000;
const settingsSchema = z.object({
  name: z.string(),
  invitationExpiryDays: z.number().int(),
  autoProvision: z.enum(['off', 'guest', 'pro']),
  requireTwoStep: z.boolean(),
  secureSendPolicy: z.enum(['user_choice', 'external_always']).describe('Add-in: "Send securely" left to the sender, or always on for external recipients.'),
  activeWithoutTwoStep: z.number().int().describe('Active members who have not set up 2-step verification yet.'),
  abilities: z
    .object({ canChangeSettings: z.boolean(), canManageDomains: z.boolean(), canReadAudit: z.boolean(), canBuySeats: z.boolean() })
    .describe('What the viewer may do here, so pages never re-implement the rules.'),
});

async function presentSettings(deps: AppDeps, actor: Actor, o: Organization): Promise<z.infer<typeof settingsSchema>> {
  const activeWithoutTwoStep = await deps.store.memberships.countMembers(o.id, { state: 'registered' });
  return { name: o.name, invitationExpiryDays: o.invitationExpiryDays, autoProvision: o.autoProvision, requireTwoStep: o.requireTwoStep,
    secureSendPolicy: o.secureSendPolicy, activeWithoutTwoStep,
    abilities: {
      canChangeSettings: allows(actor, 'organization.changeSettings'),
      canManageDomains: allows(actor, 'domains.manage'),
      canReadAudit: allows(actor, 'organization.readAudit'),
      canBuySeats: allows(actor, 'organization.buySeats'),
    } };
}

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
  defineRoute({
    method: 'get',
    path: '/api/v1/seats',
    tag: 'seats',
    summary: 'Seats purchased, used (active and invited pros) and free.',
    auth: 'session',
    response: { status: 200, schema: seatsSchema, description: 'Seat counts.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(actor, 'organization.buySeats');
      const used = await deps.store.memberships.countSeatsUsed(actor.organization.id);
      return presentSeats(actor.organization, used, deps.config.seatPriceCents);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/seats/purchases',
    tag: 'seats',
    summary: 'Buy seats (recorded in the seat ledger at the configured monthly price).',
    auth: 'session',
    body: z.strictObject({ seats: z.number().int().min(1).max(10_000) }),
    response: { status: 201, schema: seatsSchema, description: 'Seat counts after the purchase.' },
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      const organization = await buySeats(deps, actor, body.seats);
      return presentSeats(organization, await deps.store.memberships.countSeatsUsed(organization.id), deps.config.seatPriceCents);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/organization/settings',
    tag: 'organization',
    summary: "The organization's name and policies.",
    auth: 'session',
    response: { status: 200, schema: settingsSchema, description: 'Settings.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(actor, 'organization.readSettings');
      return presentSettings(deps, actor, actor.organization);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/organization/settings',
    tag: 'organization',
    summary: 'Change the name, invitation expiry (1–30 days), domain auto-provisioning, the 2-step requirement and the secure-send policy.',
    auth: 'session',
    body: z.strictObject({
      name: displayText(120).min(1).optional(),
      invitationExpiryDays: z.number().int().min(1).max(30).optional(),
      autoProvision: z.enum(['off', 'guest', 'pro']).optional(),
      requireTwoStep: z.boolean().optional(),
      secureSendPolicy: z.enum(['user_choice', 'external_always']).optional(),
    }),
    response: { status: 200, schema: settingsSchema, description: 'Settings after the change.' },
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      authorize(actor, 'organization.changeSettings');
      const o = await deps.store.transaction(async (tx) => {
        const updated = await tx.organizations.updateSettings(actor.organization.id, body);
        await tx.audit.append({ organizationId: updated.id, actorId: actor.account.id, action: 'organization.settings_changed', targetType: 'organization', targetId: updated.id, data: body });
        return updated;
      });
      return presentSettings(deps, actor, o);
    },
  }),
];
