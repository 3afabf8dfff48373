/** Single-use emailed links (sign-up confirmation, password reset), stored as SHA-256 hashes only. */
import type { Queryable } from './db';
import type { OneTimePurpose, OneTimeToken } from './types';

export interface OneTimeTokenRepository {
  create(input: {
    tokenHash: string;
    purpose: OneTimePurpose;
    accountId: string | null;
    email: string;
    payload?: Record<string, unknown>;
    expiresAt: Date;
  }): Promise<void>;
  /** The token if it is unused and unexpired, without using it (for pages that show a form first). */
  findUsable(tokenHash: string, purpose: OneTimePurpose): Promise<OneTimeToken | null>;
  /** Uses the token atomically: exactly one caller gets it back. */
  consume(tokenHash: string, purpose: OneTimePurpose): Promise<OneTimeToken | null>;
  /** Kills every unused token of this purpose for an email (a newer link replaces older ones). */
  invalidateForEmail(purpose: OneTimePurpose, email: string): Promise<void>;
}

const COLUMNS = 'token_hash, purpose, account_id, email, payload, created_at, expires_at, used_at';

function toToken(row: Record<string, unknown>): OneTimeToken {
  return {
    tokenHash: row.token_hash as string,
    purpose: row.purpose as OneTimePurpose,
    accountId: (row.account_id as string | null) ?? null,
    email: row.email as string,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.created_at as Date,
    expiresAt: row.expires_at as Date,
    usedAt: (row.used_at as Date | null) ?? null,
  };
}

export function oneTimeTokenRepository(q: Queryable): OneTimeTokenRepository {
  return {
    async create(input) {
      await q.query(
        `INSERT INTO one_time_tokens (token_hash, purpose, account_id, email, payload, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [input.tokenHash, input.purpose, input.accountId, input.email, JSON.stringify(input.payload ?? {}), input.expiresAt],
      );
    },
    async findUsable(tokenHash, purpose) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM one_time_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
        [tokenHash, purpose],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },
    async consume(tokenHash, purpose) {
      const rows = await q.query(
        `UPDATE one_time_tokens SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
         RETURNING ${COLUMNS}`,
        [tokenHash, purpose],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },
    async invalidateForEmail(purpose, email) {
      await q.query(
        'UPDATE one_time_tokens SET used_at = now() WHERE purpose = $1 AND email = $2 AND used_at IS NULL',
        [purpose, email],
      );
    },
  };
}
