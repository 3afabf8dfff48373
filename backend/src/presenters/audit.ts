/** Audit events as the admin page reads them, one CSV line per event for the export, and the chain check's answer. */
import type { AuditEvent, AuditVerification } from '../contract/audit';
import { csvRow } from '../http/csv';
import type { AuditListing } from '../store';

export function presentAuditEvent(e: AuditListing): AuditEvent {
  return {
    seq: e.seq,
    at: e.createdAt.toISOString(),
    action: e.action,
    actor: e.actorId ? { id: e.actorId, name: e.actorName, email: e.actorEmail } : null,
    target: { type: e.targetType, id: e.targetId, label: e.targetLabel },
    data: e.data,
  };
}

export const AUDIT_CSV_HEADER = ['Seq', 'Time (UTC)', 'Actor', 'Actor email', 'Action', 'Target type', 'Target', 'Target id', 'Details'];

export function auditCsvRow(e: AuditListing): string {
  return csvRow([e.seq, e.createdAt.toISOString(), e.actorName, e.actorEmail, e.action, e.targetType, e.targetLabel, e.targetId, JSON.stringify(e.data)]);
}

export function presentVerification(result: { ok: true; count: number } | { ok: false; brokenAtSeq: number }, checkedAt: Date): AuditVerification {
  return result.ok
    ? { ok: true, count: result.count, brokenAtSeq: null, checkedAt: checkedAt.toISOString() }
    : { ok: false, count: null, brokenAtSeq: result.brokenAtSeq, checkedAt: checkedAt.toISOString() };
}
