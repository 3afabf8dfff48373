/**
 * Append-only audit events, hash-chained per organization. Changes are recorded with `tx.audit.record(actor,
 * action, target, data)` on the transaction that makes the change, so the event and the change commit together (a
 * rollback leaves no event). Recording only inserts the event unlinked: it takes no per-organization lock, so
 * concurrent changes of one organization do not wait on each other. `link` then chains committed events in append
 * order, one linker at a time across every instance (a PostgreSQL advisory lock), giving each its seq, the previous
 * event's hash and its own; a linked event never changes again. Readers link first, so they see every committed event.
 */
import { randomUUID } from 'node:crypto';
import { auditEventHash } from './auditHash';
import type { Queryable } from './db';
import type { AppendedAuditEvent, AuditEvent, NewAuditEvent } from './types';

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

/**
 * `brokenAtSeq` is the first event that cannot be trusted. `unlinked` (with brokenAtSeq one past the last linked
 * event) means the chain itself holds but committed events have waited longer than allowed to be linked.
 */
export type AuditVerification =
  | { ok: true; count: number }
  | { ok: false; brokenAtSeq: number; unlinked?: { count: number; oldest: Date } };

export interface AuditRepository {
  /** Records what `actor` did to `target` in the actor's organization; call it on the transaction of the change. */
  record(actor: AuditActor, action: string, target: AuditTarget, data?: Record<string, unknown>): Promise<AppendedAuditEvent>;
  append(event: NewAuditEvent): Promise<AppendedAuditEvent>;
  /**
   * Links committed unlinked events in append order, up to `batch` of them; returns how many it linked. `wait: false`
   * returns 0 at once when another linker holds the lock (the background linker); otherwise it waits its turn.
   */
  link(options?: { batch?: number; wait?: boolean }): Promise<number>;
  /** Newest first, linked events only, after linking what is committed. */
  list(organizationId: string, options?: { limit?: number; beforeSeq?: number }): Promise<AuditEvent[]>;
  /**
   * Walks the linked chain from the start; reports the first event whose seq, link or hash does not match, or
   * committed events left unlinked for longer than `unlinkedGraceSeconds` (a linker that has stopped). `linkFirst`
   * links what is committed before walking (the admin page's answer covers everything done so far); without it,
   * verifying changes nothing, which is what an operator checking a stopped linker wants.
   */
  verify(organizationId: string, options?: { unlinkedGraceSeconds?: number; linkFirst?: boolean }): Promise<AuditVerification>;
}

/** Shared by every Sealpost instance: whoever holds it is the only one linking. */
const LINKER_LOCK_ID = 7_244_020;
const DEFAULT_LINK_BATCH = 1000;
/** The background linker runs every few hundred milliseconds; a minute unlinked means it is not running. */
export const DEFAULT_UNLINKED_GRACE_SECONDS = 60;

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
    data: (row.data as Record<string, unknown>) ?? {},
    createdAt: row.created_at as Date,
    prevHash: (row.prev_hash as string | null) ?? null,
    hash: row.hash as string,
  };
}

/** Chains the committed unlinked events on `tx`, which already holds the linker lock. */
async function linkBatch(tx: Queryable, batch: number): Promise<number> {
  const pending = await tx.query(
    `SELECT id, organization_id, actor_id, action, target_type, target_id, data, created_at
     FROM audit_events WHERE seq IS NULL ORDER BY append_id LIMIT $1`,
    [batch],
  );
  if (pending.length === 0) return 0;
  const organizationIds = [...new Set(pending.map((row) => row.organization_id as string))];
  // NO KEY UPDATE, not UPDATE: appends check their organization with a KEY SHARE lock, which this must not block.
  const heads = await tx.query<{ id: string; audit_seq: number; audit_head: string | null }>(
    'SELECT id, audit_seq, audit_head FROM organizations WHERE id = ANY($1::uuid[]) FOR NO KEY UPDATE',
    [organizationIds],
  );
  const headOf = new Map(heads.map((h) => [h.id, { seq: h.audit_seq, hash: h.audit_head }]));
  const ids: string[] = [];
  const seqs: number[] = [];
  const prevHashes: (string | null)[] = [];
  const hashes: string[] = [];
  for (const row of pending) {
    const event = toEvent(row);
    const head = headOf.get(event.organizationId);
    if (!head) throw new Error(`audit event ${event.id} names an unknown organization`);
    const fields = { ...event, seq: head.seq + 1, prevHash: head.hash };
    const { id: _id, hash: _hash, ...hashed } = fields;
    const hash = auditEventHash(hashed);
    ids.push(event.id);
    seqs.push(fields.seq);
    prevHashes.push(fields.prevHash);
    hashes.push(hash);
    headOf.set(event.organizationId, { seq: fields.seq, hash });
  }
  await tx.query(
    `UPDATE audit_events e SET seq = l.seq, prev_hash = l.prev_hash, hash = l.hash
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS l(id, seq, prev_hash, hash)
     WHERE e.id = l.id AND e.seq IS NULL`,
    [ids, seqs, prevHashes, hashes],
  );
  const newHeads = [...headOf.entries()];
  await tx.query(
    `UPDATE organizations o SET audit_seq = h.seq, audit_head = h.hash
     FROM unnest($1::uuid[], $2::int[], $3::text[]) AS h(id, seq, hash) WHERE o.id = h.id`,
    [newHeads.map(([id]) => id), newHeads.map(([, h]) => h.seq), newHeads.map(([, h]) => h.hash)],
  );
  return pending.length;
}

/** `inTransaction` runs the linker atomically: a crash before its commit links nothing, and the next run starts over. */
export function auditRepository(
  q: Queryable,
  inTransaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>,
): AuditRepository {
  const append = async (input: NewAuditEvent): Promise<AppendedAuditEvent> => {
    const id = randomUUID();
    const createdAt = new Date();
    const data = input.data ?? {};
    await q.query(
      `INSERT INTO audit_events (id, organization_id, actor_id, action, target_type, target_id, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, input.organizationId, input.actorId, input.action, input.targetType ?? null, input.targetId ?? null,
        JSON.stringify(data), createdAt],
      'audit_append',
    );
    return { id, organizationId: input.organizationId, actorId: input.actorId, action: input.action,
      targetType: input.targetType ?? null, targetId: input.targetId ?? null, data, createdAt };
  };

  const link: AuditRepository['link'] = ({ batch = DEFAULT_LINK_BATCH, wait = true } = {}) =>
    inTransaction(async (tx) => {
      if (wait) await tx.query('SELECT pg_advisory_xact_lock($1)', [LINKER_LOCK_ID]);
      else {
        const [got] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [LINKER_LOCK_ID]);
        if (!got?.locked) return 0;
      }
      return linkBatch(tx, batch);
    });

  return {
    record(actor, action, target, data) {
      return append({ organizationId: actor.organization.id, actorId: actor.account?.id ?? null, action, targetType: target.type, targetId: target.id, data });
    },
    append,
    link,
    async list(organizationId, options = {}) {
      await linkAll(link);
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM audit_events
         WHERE organization_id = $1 AND seq IS NOT NULL AND ($2::int IS NULL OR seq < $2::int)
         ORDER BY seq DESC LIMIT $3`,
        [organizationId, options.beforeSeq ?? null, Math.min(options.limit ?? 100, 1000)],
      );
      return rows.map(toEvent);
    },
    async verify(organizationId, { unlinkedGraceSeconds = DEFAULT_UNLINKED_GRACE_SECONDS, linkFirst = false } = {}) {
      if (linkFirst) await linkAll(link);
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM audit_events WHERE organization_id = $1 AND seq IS NOT NULL ORDER BY seq`,
        [organizationId],
      );
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
      const [late] = await q.query<{ count: number; oldest: Date | null }>(
        `SELECT count(*)::int AS count, min(created_at) AS oldest FROM audit_events
         WHERE organization_id = $1 AND seq IS NULL AND created_at < now() - make_interval(secs => $2)`,
        [organizationId, unlinkedGraceSeconds],
      );
      if (late && late.count > 0) return { ok: false, brokenAtSeq: expectedSeq, unlinked: { count: late.count, oldest: late.oldest! } };
      return { ok: true, count: rows.length };
    },
  };
}

/** Links until nothing committed is left unlinked, so a reader sees every event committed before it asked. */
export async function linkAll(link: AuditRepository['link']): Promise<void> {
  // A full batch may leave more behind; a short one means the queue was emptied.
  while ((await link()) === DEFAULT_LINK_BATCH) {
    // keep linking
  }
}
