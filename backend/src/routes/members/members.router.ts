/** Members of the organization, their type and roles, removal, seats and the organization's policies. */
import type { Settings } from '../../contract/organization';
import { buySeats, changeMember, removeMember, signMemberOutEverywhere } from '../../commands/memberManager';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../auth/actor';
import { contract } from '../../contract';
import { MEMBER_COUNT_CAP } from '../../contract/members';
import { defineRoute } from '../../http/route';
import { authorize, memberPolicy } from '../../policies/members';
import { encodeMemberCursor, toMemberFilter, toMemberPageQuery } from '../../presenters/memberList';
import { presentMember, presentSeats } from '../../presenters/members';
import type { Organization } from '../../store';

async function presentSettings(deps: AppDeps, actor: Actor, o: Organization): Promise<Settings> {
  const activeWithoutTwoStep = await deps.store.memberships.countMembers(o.id, { state: 'registered' });
  const admin = memberPolicy.manageSettings(actor);
  return { name: o.name, invitationExpiryDays: o.invitationExpiryDays, autoProvision: o.autoProvision, requireTwoStep: o.requireTwoStep,
    secureSendPolicy: o.secureSendPolicy, activeWithoutTwoStep,
    abilities: { canChangeSettings: admin, canManageDomains: admin, canReadAudit: admin, canBuySeats: memberPolicy.buySeats(actor) } };
}

export const memberRoutes = [
  defineRoute(contract.members.list, {
    tag: 'members',
    summary: 'Members of the organization, pros and guests, with what you may do to each: searched, filtered, sorted, a page at a time.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request', 'invalid_cursor'],
    async handler({ actor, query, deps }) {
      authorize(memberPolicy.listMembers(actor), 'the admin or user manager role');
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
    summary: 'Remove a member: immediate and final; their sessions here end and pending invitations are withdrawn.',
    auth: 'session',
    errors: ['forbidden', 'not_found', 'last_admin'],
    async handler({ actor, params, deps }) {
      await removeMember(deps, actor, params.accountId);
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
  defineRoute(contract.organization.seats, {
    tag: 'seats',
    summary: 'Seats purchased, used (active and invited pros) and free.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(memberPolicy.listMembers(actor), 'the admin or user manager role');
      const used = await deps.store.memberships.countSeatsUsed(actor.organization.id);
      return presentSeats(actor.organization, used, deps.config.seatPriceCents);
    },
  }),
  defineRoute(contract.organization.buySeats, {
    tag: 'seats',
    summary: 'Buy seats (recorded in the seat ledger at the configured monthly price).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      const organization = await buySeats(deps, actor, body.seats);
      return presentSeats(organization, await deps.store.memberships.countSeatsUsed(organization.id), deps.config.seatPriceCents);
    },
  }),
  defineRoute(contract.organization.settings, {
    tag: 'organization',
    summary: "The organization's name and policies.",
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(memberPolicy.readSettings(actor), 'the admin or user manager role');
      return presentSettings(deps, actor, actor.organization);
    },
  }),
  defineRoute(contract.organization.updateSettings, {
    tag: 'organization',
    summary: 'Change the name, invitation expiry (1–30 days), domain auto-provisioning, the 2-step requirement and the secure-send policy.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      authorize(memberPolicy.manageSettings(actor), 'the admin role');
      const o = await deps.store.transaction(async (tx) => {
        const updated = await tx.organizations.updateSettings(actor.organization.id, body);
        await tx.audit.append({ organizationId: updated.id, actorId: actor.account.id, action: 'organization.settings_changed', targetType: 'organization', targetId: updated.id, data: body });
        return updated;
      });
      return presentSettings(deps, actor, o);
    },
  }),
];
