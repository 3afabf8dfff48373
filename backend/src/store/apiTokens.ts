/**
 * Organization API tokens (api_tokens): created with a name and scopes, listed without their secret, looked up by
 * the prefix the caller presents (the secret's hash is then compared by the caller), marked used, revoked.
 */
import type { Queryable } from './db';

export interface ApiToken {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string[];
  createdBy: { id: string; name: string; email: string };
  /** The pro a messages:send token sends as. */
  actingFor: { id: string; name: string; email: string } | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiToken {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string[];
  createdBy: string;
  actingFor: string | null;
  expiresAt: Date | null;
}

export interface ApiTokenRepository {
  create(token: NewApiToken): Promise<void>;
  /** The organization's tokens not revoked, newest first. */
  listLive(organizationId: string): Promise<ApiToken[]>;
  /** The token with this prefix, revoked or not: the caller decides what a revoked one means. */
  findByPrefix(prefix: string): Promise<ApiToken | null>;
  /** Revokes one of the organization's live tokens; false when there is none by that id. */
  revoke(organizationId: string, id: string): Promise<ApiToken | null>;
  /** Notes a use; at most once a minute per token, so a busy sync does not write a row on every request. */
  touch(id: string): Promise<void>;
}

const SELECT = `
  SELECT t.id, t.organization_id, t.name, t.prefix, t.secret_hash, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
         a.id AS creator_id, a.name AS creator_name, a.email AS creator_email,
         f.id AS acting_id, f.name AS acting_name, f.email AS acting_email
    FROM api_tokens t JOIN accounts a ON a.id = t.created_by LEFT JOIN accounts f ON f.id = t.acting_for`;

function toToken(row: Record<string, unknown>): ApiToken {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    name: row.name as string,
    prefix: row.prefix as string,
    secretHash: row.secret_hash as string,
    scopes: row.scopes as string[],
    createdBy: { id: row.creator_id as string, name: row.creator_name as string, email: row.creator_email as string },
    actingFor: row.acting_id ? { id: row.acting_id as string, name: row.acting_name as string, email: row.acting_email as string } : null,
    createdAt: row.created_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    lastUsedAt: (row.last_used_at as Date | null) ?? null,
    revokedAt: (row.revoked_at as Date | null) ?? null,
  };
}

export function apiTokenRepository(q: Queryable): ApiTokenRepository {
  return {
    async create(token) {
      await q.query(
        `INSERT INTO api_tokens (id, organization_id, name, prefix, secret_hash, scopes, created_by, acting_for, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [token.id, token.organizationId, token.name, token.prefix, token.secretHash, token.scopes, token.createdBy, token.actingFor, token.expiresAt],
      );
    },
    async listLive(organizationId) {
      const rows = await q.query(`${SELECT} WHERE t.organization_id = $1 AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id`, [organizationId]);
      return rows.map(toToken);
    },
    async findByPrefix(prefix) {
      const rows = await q.query(`${SELECT} WHERE t.prefix = $1`, [prefix]);
      return rows[0] ? toToken(rows[0]) : null;
    },
    async revoke(organizationId, id) {
      const rows = await q.query<{ id: string }>(
        'UPDATE api_tokens SET revoked_at = now() WHERE organization_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
        [organizationId, id],
      );
      if (!rows[0]) return null;
      const found = await q.query(`${SELECT} WHERE t.id = $1`, [id]);
      return toToken(found[0]!);
    },
    async touch(id) {
      await q.query(
        `UPDATE api_tokens SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [id],
      );
    },
  };
}
