/**
 * The audit log for admins: filtered by actor, action, target and time, newest first a page at a time; whether the
 * hash chain verifies; and the filtered log as CSV.
 */
import type { Response } from 'express';
import { recordAuditExport } from '../../commands/exportRecorder';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../auth/actor';
import { contract } from '../../contract';
import type { AuditFilter } from '../../contract/audit';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { AUDIT_CSV_HEADER, auditCsvRow, presentAuditEvent, presentVerification } from '../../presenters/audit';
import type { AuditQuery } from '../../store';
import { startCsv, writeCsv } from '../../http/csv';

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
function toQuery(f: AuditFilter): AuditQuery {
  return {
    actor: f.actor,
    action: f.action,
    target: f.target,
    from: f.from ? new Date(f.from.length === 10 ? `${f.from}T00:00:00Z` : f.from) : undefined,
    to: f.to ? (f.to.length === 10 ? dayAfter(f.to) : new Date(f.to)) : undefined,
  };
}


async function exportAudit(deps: AppDeps, actor: Actor, query: AuditQuery, res: Response): Promise<void> {
  startCsv(res, `audit-${new Date().toISOString().slice(0, 10)}.csv`, AUDIT_CSV_HEADER);
  let beforeSeq: number | undefined;
  try {
    for (;;) {
      const rows = await deps.store.auditSearch.search(actor.organization.id, { ...query, beforeSeq, limit: 1000 });
      const chunk = rows.map(auditCsvRow).join('');
      if (rows.length > 0 && !(await writeCsv(res, chunk))) return;
      if (rows.length < 1000) break;
      beforeSeq = rows[rows.length - 1]!.seq;
    }
    res.end();
  } catch (err) {
    deps.logger.error({ err, requestId: res.locals.requestId }, 'audit export failed');
    res.destroy();
  }
}

export const auditRoutes = [
  defineRoute(contract.audit.list, {
    tag: 'audit',
    summary: "The organization's audit log, newest first, filtered; admins only.",
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, query, deps }) {
      authorize(actor, 'organization.readAudit');
      const rows = await deps.store.auditSearch.search(actor.organization.id, { ...toQuery(query), beforeSeq: query.before, limit: query.limit + 1 });
      const events = rows.slice(0, query.limit);
      return { events: events.map(presentAuditEvent), next: rows.length > query.limit ? events[events.length - 1]!.seq : null };
    },
  }),
  defineRoute(contract.audit.verify, {
    tag: 'audit',
    summary: 'Walks the hash chain of the audit log and says whether it is intact, or where it first breaks; admins only.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(actor, 'organization.readAudit');
      return presentVerification(await deps.store.audit.verify(actor.organization.id, { linkFirst: true }), new Date());
    },
  }),
  defineRoute(contract.audit.export, {
    tag: 'audit',
    summary: 'The filtered audit log as CSV (formula-safe cells), newest first; admins only.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, query, deps, res }) {
      authorize(actor, 'organization.readAudit');
      await recordAuditExport(deps, actor, query);
      await exportAudit(deps, actor, toQuery(query), res);
    },
  }),
];
