/**
 * Append-only audit events, hash-chained per organization. Changes are recorded with `tx.audit.record(actor,
 * action, target, data)` on the transaction that makes the change, so the event and the change commit together;
 * `append` is the raw chain write underneath.
 */
import { randomUUID } from 'node:crypto';
import { auditEventHash } from './auditHash';
import type { Queryable } from './db';
import type { AuditEvent, NewAuditEvent } from './types';

/** Who acted, as the log keeps it: an account in the organization, or nobody (the platform operator, the system). */
export interface AuditActor {
  organization: { id: string };
  account: { id: string } | null;
}

/** What the event is about. */
export interface AuditTarget {
  type: string;
  id: string;
}

/** The actor of an event that has no signed-in actor yet (sign-up, sign-in) or none at all (`accountId` null). */
export const auditActor = (organizationId: string, accountId: string | null): AuditActor => ({
  organization: { id: organizationId },
  account: accountId === null ? null : { id: accountId },
});

export interface AuditRepository {
  /** Records what `actor` did to `target` in the actor's organization; call it on the transaction of the change. */
  record(actor: AuditActor, action: string, target: AuditTarget, data?: Record<string, unknown>): Promise<AuditEvent>;
  append(event: NewAuditEvent): Promise<AuditEvent>;
  list(organizationId: string, options?: { limit?: number; beforeSeq?: number }): Promise<AuditEvent[]>;
  /** Walks the chain from the start; reports the first event whose hash or link does not match. */
  verify(organizationId: string): Promise<{ ok: true; count: number } | { ok: false; brokenAtSeq: number }>;
}

const COLUMNS = 'id, organization_id, seq, actor_id, action, target_type, target_id, data, created_at, prev_hash, hash';

function toEvent(row: Record<string, unknown>): AuditEvent {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    seq: row.seq as number,
    actorId: (row.actor_id as string | null) ?? null,
    action: row.action as string,
    targetType: (row.target_type as string | null) ?? null,
    targetId: (row.target_id as string | null) ?? null,
    data: row.data as Record<string, unknown>,
    createdAt: row.created_at as Date,
    prevHash: (row.prev_hash as string | null) ?? null,
    hash: row.hash as string,
  };
}

/** `inTransaction` runs the append atomically: the organization row lock serializes writers of one chain. */
export function auditRepository(
  q: Queryable,
  inTransaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>,
): AuditRepository {
  const append = (input: NewAuditEvent): Promise<AuditEvent> =>
    inTransaction(async (tx) => {
      // Bumping the counter locks the organization row, so writers of one chain take turns and each sees
      // the head its predecessor left.
      const head = await tx.query<{ audit_head: string | null; audit_seq: number }>(
        'UPDATE organizations SET audit_seq = audit_seq + 1 WHERE id = $1 RETURNING audit_seq, audit_head',
        [input.organizationId],
      );
      if (!head[0]) throw new Error(`audit append for unknown organization ${input.organizationId}`);
      const createdAt = new Date();
      const event = {
        organizationId: input.organizationId,
        seq: head[0].audit_seq,
        actorId: input.actorId,
        action: input.action,
        targetType: input.targetType ?? null,
        targetId: input.targetId ?? null,
        data: input.data ?? {},
        createdAt,
        prevHash: head[0].audit_head,
      };
      const hash = auditEventHash(event);
      const id = randomUUID();
      // One statement after the lock: the organization row is held for this round trip and the commit only.
      await tx.query(
        `WITH event AS (
           INSERT INTO audit_events (id, organization_id, seq, actor_id, action, target_type, target_id, data, created_at, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11))
         UPDATE organizations SET audit_head = $11 WHERE id = $2`,
        [id, event.organizationId, event.seq, event.actorId, event.action, event.targetType, event.targetId,
          JSON.stringify(event.data), createdAt, event.prevHash, hash],
      );
      return { id, ...event, hash };
    });

  return {
    record(actor, action, target, data) {
      return append({ organizationId: actor.organization.id, actorId: actor.account?.id ?? null, action, targetType: target.type, targetId: target.id, data });
    },
    append,
    async list(organizationId, options = {}) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM audit_events WHERE organization_id = $1 AND ($2::int IS NULL OR seq < $2::int)
         ORDER BY seq DESC LIMIT $3`,
        [organizationId, options.beforeSeq ?? null, Math.min(options.limit ?? 100, 1000)],
      );
      return rows.map(toEvent);
    },
    async verify(organizationId) {
      const rows = await q.query(`SELECT ${COLUMNS} FROM audit_events WHERE organization_id = $1 ORDER BY seq`, [
        organizationId,
      ]);
      let prevHash: string | null = null;
      let expectedSeq = 1;
      for (const event of rows.map(toEvent)) {
        const { id: _id, hash, ...fields } = event;
        if (event.seq !== expectedSeq || event.prevHash !== prevHash || auditEventHash(fields) !== hash) {
          return { ok: false, brokenAtSeq: event.seq };
        }
        prevHash = hash;
        expectedSeq += 1;
      }
      const head = await q.query<{ audit_head: string | null }>('SELECT audit_head FROM organizations WHERE id = $1', [
        organizationId,
      ]);
      if ((head[0]?.audit_head ?? null) !== prevHash) return { ok: false, brokenAtSeq: expectedSeq };
      return { ok: true, count: rows.length };
    },
  };
}
