/**
 * What key rotation needs from storage: which key-encryption key wraps how many records, and batches of wrapped
 * keys or sealed records to re-wrap. Each replace is conditional on the old value, so a concurrent change wins.
 */
import type { Queryable } from './db';

/** Record kinds whose data keys are wrapped by the keyring. */
export type WrappedKind = 'message' | 'file' | 'signature_request' | 'outbox' | 'two_step' | 'draft';

export interface WrappedRow {
  id: string;
  keyId: string;
  /** A wrapped data key (message, file, signature request) or a whole sealed record (outbox, two_step). */
  value: string;
  /** What the associated data is built from. */
  organizationId: string | null;
  template?: string;
  toAddress?: string;
}

export interface KeyRotationRepository {
  usage(): Promise<Record<string, number>>;
  batchNotUnder(kind: WrappedKind, keyId: string, limit: number): Promise<WrappedRow[]>;
  replace(kind: WrappedKind, id: string, oldValue: string, keyId: string, value: string): Promise<boolean>;
}

const SOURCES: Record<WrappedKind, { select: string; keyExpr: string; update: string }> = {
  message: {
    keyExpr: 'data_key_id',
    select: 'SELECT id::text, data_key_id AS key_id, data_key AS value, organization_id::text FROM messages',
    update: 'UPDATE messages SET data_key_id = $3, data_key = $4 WHERE id = $1::uuid AND data_key = $2',
  },
  file: {
    keyExpr: 'data_key_id',
    select: 'SELECT id::text, data_key_id AS key_id, data_key AS value, organization_id::text FROM files',
    update: 'UPDATE files SET data_key_id = $3, data_key = $4 WHERE id = $1::uuid AND data_key = $2',
  },
  signature_request: {
    keyExpr: 'data_key_id',
    select: 'SELECT id::text, data_key_id AS key_id, data_key AS value, organization_id::text FROM signature_requests',
    update: 'UPDATE signature_requests SET data_key_id = $3, data_key = $4 WHERE id = $1::uuid AND data_key = $2',
  },
  // Sent emails keep their sealed copy until cleaned up, so they count too.
  outbox: {
    keyExpr: "(sealed::jsonb ->> 'k')",
    select: "SELECT id::text, sealed::jsonb ->> 'k' AS key_id, sealed AS value, organization_id::text, template, to_address FROM outbox",
    update: "UPDATE outbox SET sealed = $4 WHERE id = $1::uuid AND sealed = $2 AND $3::text IS NOT NULL",
  },
  two_step: {
    keyExpr: "(secret_sealed::jsonb ->> 'k')",
    select: "SELECT account_id::text AS id, secret_sealed::jsonb ->> 'k' AS key_id, secret_sealed AS value, NULL AS organization_id FROM two_step_secrets",
    update: "UPDATE two_step_secrets SET secret_sealed = $4 WHERE account_id = $1::uuid AND secret_sealed = $2 AND $3::text IS NOT NULL",
  },
  draft: {
    keyExpr: "(content_sealed::jsonb ->> 'k')",
    select: "SELECT id::text, content_sealed::jsonb ->> 'k' AS key_id, content_sealed AS value, organization_id::text FROM drafts",
    update: "UPDATE drafts SET content_sealed = $4 WHERE id = $1::uuid AND content_sealed = $2 AND $3::text IS NOT NULL",
  },
};

export const WRAPPED_KINDS = Object.keys(SOURCES) as WrappedKind[];

export function keyRotationRepository(q: Queryable): KeyRotationRepository {
  return {
    async usage() {
      const parts = WRAPPED_KINDS.map((kind) => `SELECT ${SOURCES[kind].keyExpr} AS key_id FROM ${SOURCES[kind].select.split(' FROM ')[1]}`);
      const rows = await q.query<{ key_id: string; n: number }>(
        `SELECT key_id, count(*)::int AS n FROM (${parts.join(' UNION ALL ')}) AS wrapped GROUP BY key_id`,
      );
      return Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
    },
    async batchNotUnder(kind, keyId, limit) {
      const rows = await q.query(`${SOURCES[kind].select} WHERE ${SOURCES[kind].keyExpr} <> $1 LIMIT $2`, [keyId, limit]);
      return rows.map((r) => ({
        id: r.id as string,
        keyId: r.key_id as string,
        value: r.value as string,
        organizationId: (r.organization_id as string | null) ?? null,
        template: r.template as string | undefined,
        toAddress: r.to_address as string | undefined,
      }));
    },
    async replace(kind, id, oldValue, keyId, value) {
      const rows = await q.query(`${SOURCES[kind].update} RETURNING 1 AS ok`, [id, oldValue, keyId, value]);
      return rows.length === 1;
    },
  };
}
