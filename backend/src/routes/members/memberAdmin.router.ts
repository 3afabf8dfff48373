/**
 * What the admin page adds to the member API: one member's details and history, actions on many members at once,
 * and the filtered member list as a CSV download.
 */
import { recordMembersExport } from '../../commands/exportRecorder';
import { resendInvitation } from '../../commands/invitationManager';
import { changeMemberType, removeMember } from '../../commands/memberManager';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../errors';
import type { Actor } from '../../auth/actor';
import { contract } from '../../contract';
import { MAX_BULK, type BulkResult } from '../../contract/members';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { presentMemberDetail } from '../../presenters/memberDetail';
import { toMemberFilter } from '../../presenters/memberList';
import { MEMBER_CSV_HEADER, memberCsvRow } from '../../presenters/members';
import { startCsv, writeCsv } from '../../http/csv';

const EXPORT_BATCH = 1000;

async function resendFor(deps: AppDeps, actor: Actor, accountId: string): Promise<void> {
  const invitation = await deps.store.invitations.findPendingForAccount(actor.organization.id, accountId);
  if (!invitation) throw errors.invitationNotPending();
  await resendInvitation(deps, actor, invitation.id);
}

export const memberAdminRoutes = [
  defineRoute(contract.members.export, {
    tag: 'members',
    summary: 'The members matching the search and filters as CSV (formula-safe cells), in the requested order.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, query, deps, res }) {
      authorize(actor, 'members.manage');
      const filter = toMemberFilter(query);
      await recordMembersExport(deps, actor, filter);
      startCsv(res, `members-${new Date().toISOString().slice(0, 10)}.csv`, MEMBER_CSV_HEADER);
      let after: { key: string; accountId: string } | undefined;
      try {
        for (;;) {
          const rows = await deps.store.memberships.listMembers(actor.organization.id, { ...filter, sort: query.sort, direction: query.direction, after, limit: EXPORT_BATCH });
          if (rows.length > 0 && !(await writeCsv(res, rows.map(memberCsvRow).join('')))) return;
          if (rows.length < EXPORT_BATCH) break;
          const last = rows[rows.length - 1]!;
          after = { key: last.sortKey, accountId: last.accountId };
        }
        res.end();
      } catch (err) {
        // The answer has begun, so no error answer can follow: cut it short so the file is visibly incomplete.
        deps.logger.error({ err, requestId: res.locals.requestId }, 'member export failed');
        res.destroy();
      }
    },
  }),
  defineRoute(contract.members.get, {
    tag: 'members',
    summary: 'One member with their invitations (who invited them, when, how often sent), live sessions and history.',
    auth: 'session',
    errors: ['forbidden', 'not_found'],
    async handler({ actor, params, deps }) {
      authorize(actor, 'members.manage');
      const organizationId = actor.organization.id;
      const [member] = await deps.store.memberships.listMembers(organizationId, { accountId: params.accountId, limit: 1 });
      if (!member) throw errors.notFound('That member');
      const { memberHistory } = deps.store;
      const invitations = await memberHistory.invitations(organizationId, member.accountId);
      const liveSessions = await memberHistory.liveSessions(organizationId, member.accountId);
      const events = await memberHistory.events(organizationId, { accountId: member.accountId, invitationIds: invitations.map((i) => i.id) }, 50);
      return presentMemberDetail(actor, { member, invitations, liveSessions, events });
    },
  }),
  defineRoute(contract.members.bulk, {
    tag: 'members',
    summary: `Resend invitations to, remove, or change the type of up to ${MAX_BULK} members; each is done or refused on its own.`,
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, body, deps }) {
      authorize(actor, 'members.manage');
      const results: BulkResult[] = [];
      for (const accountId of new Set(body.accountIds)) {
        try {
          if (body.action === 'resend') await resendFor(deps, actor, accountId);
          else if (body.action === 'remove') await removeMember(deps, actor, accountId, body.handOverTo);
          else await changeMemberType(deps, actor, accountId, body.type);
          results.push({ accountId, ok: true, code: null, detail: null });
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          results.push({ accountId, ok: false, code: err.code, detail: err.message });
        }
      }
      return { results };
    },
  }),
];
