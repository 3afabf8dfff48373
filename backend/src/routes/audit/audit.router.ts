/**
 * The audit log for admins: filtered by actor, action, target and time, newest first a page at a time; whether the
 * hash chain verifies; and the filtered log as CSV.
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../auth/actor';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { AUDIT_CSV_HEADER, auditCsvRow, eventSchema, presentAuditEvent, presentVerification, verificationSchema } from '../../presenters/audit';
import type { AuditQuery } from '../../store';
import { startCsv, writeCsv } from '../../http/csv';

// PostgreSQL has no year 0 (a JS Date has): times outside the product's life are refused, not sent to the database.
const when = z
  .union([z.string().datetime({ offset: true }), z.string().date()])
  .refine((value) => {
    const year = new Date(value.length === 10 ? `${value}T00:00:00Z` : value).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  }, 'must be a time between the years 1970 and 9999');
const auditFilter = z.strictObject({
  actor: z.string().max(100).optional().describe("Start of the actor's name or email."),
  action: z.string().max(100).regex(/^[a-z_.]*$/, 'is not an action like member.removed or member.').optional().describe('An action, or a family ending in a dot.'),
  target: z.string().max(200).optional().describe("The target's id, or the start of a person's name or email, a domain or an invited address."),
  from: when.optional().describe('From this time (inclusive); a date means its start, UTC.'),
  to: when.optional().describe('Up to this time (exclusive); a date means the start of the next day, UTC.'),
});
const auditPage = auditFilter.extend({
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional().describe('The `next` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
function toQuery(f: z.infer<typeof auditFilter>): AuditQuery {
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
  defineRoute({
    method: 'get',
    path: '/api/v1/audit',
    tag: 'audit',
    summary: "The organization's audit log, newest first, filtered; admins only.",
    auth: 'session',
    query: auditPage,
    response: { status: 200, schema: z.object({ events: z.array(eventSchema), next: z.number().int().nullable() }), description: 'One page of events.' },
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, query, deps }) {
      authorize(actor, 'organization.readAudit');
      const rows = await deps.store.auditSearch.search(actor.organization.id, { ...toQuery(query), beforeSeq: query.before, limit: query.limit + 1 });
      const events = rows.slice(0, query.limit);
      return { events: events.map(presentAuditEvent), next: rows.length > query.limit ? events[events.length - 1]!.seq : null };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/audit/verification',
    tag: 'audit',
    summary: 'Walks the hash chain of the audit log and says whether it is intact, or where it first breaks; admins only.',
    auth: 'session',
    response: { status: 200, schema: verificationSchema, description: 'The verification result.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(actor, 'organization.readAudit');
      return presentVerification(await deps.store.audit.verify(actor.organization.id), new Date());
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/audit/export.csv',
    tag: 'audit',
    summary: 'The filtered audit log as CSV (formula-safe cells), newest first; admins only.',
    auth: 'session',
    query: auditFilter,
    response: { status: 200, contentType: 'text/csv', description: 'A CSV file, streamed.', headers: { 'Content-Disposition': 'attachment; filename="audit-<date>.csv"' } },
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, query, deps, res }) {
      authorize(actor, 'organization.readAudit');
      await deps.store.audit.record(actor, 'audit.exported', { type: 'organization', id: actor.organization.id }, { filter: { ...query } });
      await exportAudit(deps, actor, toQuery(query), res);
    },
  }),
];
