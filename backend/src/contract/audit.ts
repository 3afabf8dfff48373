/** The audit log for admins: filtered pages, the hash chain's verification, and the filtered log as CSV. */
import { z } from 'zod';
import { endpoint } from './endpoint';

// PostgreSQL has no year 0 (a JS Date has): times outside the product's life are refused, not sent to the database.
const when = z
  .union([z.string().datetime({ offset: true }), z.string().date()])
  .refine((value) => {
    const year = new Date(value.length === 10 ? `${value}T00:00:00Z` : value).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  }, 'must be a time between the years 1970 and 9999');

export const auditFilter = z.strictObject({
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

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string().datetime(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable().describe('Null for the platform operator or the system.'),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable(), label: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
});

export const auditVerificationSchema = z.object({ ok: z.boolean(), count: z.number().int().nullable(), brokenAtSeq: z.number().int().nullable(), checkedAt: z.string().datetime() });

export const audit = {
  list: endpoint({
    method: 'get',
    path: '/api/v1/audit',
    query: auditPage,
    response: { status: 200, schema: z.object({ events: z.array(auditEventSchema), next: z.number().int().nullable() }), description: 'One page of events.' },
  }),
  verify: endpoint({
    method: 'get',
    path: '/api/v1/audit/verification',
    response: {
      status: 200,
      schema: auditVerificationSchema,
      description: 'The verification result.',
    },
  }),
  export: endpoint({
    method: 'get',
    path: '/api/v1/audit/export.csv',
    query: auditFilter,
    response: { status: 200, contentType: 'text/csv', description: 'A CSV file, streamed.', headers: { 'Content-Disposition': 'attachment; filename="audit-<date>.csv"' } },
  }),
};

export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditFilter = z.output<typeof auditFilter>;
export type AuditVerification = z.output<typeof auditVerificationSchema>;
