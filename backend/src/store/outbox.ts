/** The transactional outbox of emails; the mail worker claims due rows under a lease so each is sent once. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import type { OutboxEmail } from './types';

export interface OutboxRepository {
  enqueue(input: { organizationId: string | null; template: string; toAddress: string; sealed: string }): Promise<string>;
  /** Leases up to `limit` due emails for `leaseSeconds`; other workers skip them meanwhile. */
  claimDue(limit: number, leaseSeconds: number): Promise<OutboxEmail[]>;
  markSent(id: string): Promise<void>;
  scheduleRetry(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  findById(id: string): Promise<OutboxEmail | null>;
}

const COLUMNS =
  'id, organization_id, template, to_address, sealed, status, attempts, next_attempt_at, last_error, created_at, sent_at';

function toEmail(row: Record<string, unknown>): OutboxEmail {
  return {
    id: row.id as string,
    organizationId: (row.organization_id as string | null) ?? null,
    template: row.template as string,
    toAddress: row.to_address as string,
    sealed: row.sealed as string,
    status: row.status as OutboxEmail['status'],
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as Date,
    lastError: (row.last_error as string | null) ?? null,
    createdAt: row.created_at as Date,
    sentAt: (row.sent_at as Date | null) ?? null,
  };
}

export function outboxRepository(q: Queryable): OutboxRepository {
  return {
    async enqueue(input) {
      const id = randomUUID();
      await q.query(
        'INSERT INTO outbox (id, organization_id, template, to_address, sealed) VALUES ($1, $2, $3, $4, $5)',
        [id, input.organizationId, input.template, input.toAddress, input.sealed],
      );
      return id;
    },
    async claimDue(limit, leaseSeconds) {
      const rows = await q.query(
        `UPDATE outbox SET locked_until = now() + make_interval(secs => $2::int), attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM outbox
           WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [limit, leaseSeconds],
      );
      return rows.map(toEmail);
    },
    async markSent(id) {
      await q.query(
        "UPDATE outbox SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1",
        [id],
      );
    },
    async scheduleRetry(id, error, nextAttemptAt) {
      await q.query('UPDATE outbox SET next_attempt_at = $2, last_error = $3, locked_until = NULL WHERE id = $1', [
        id,
        nextAttemptAt,
        error,
      ]);
    },
    async markFailed(id, error) {
      await q.query("UPDATE outbox SET status = 'failed', last_error = $2, locked_until = NULL WHERE id = $1", [id, error]);
    },
    async findById(id) {
      const rows = await q.query(`SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id]);
      return rows[0] ? toEmail(rows[0]) : null;
    },
  };
}
