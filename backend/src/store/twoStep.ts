/**
 * 2-step verification of a person (not of one organization): the sealed TOTP secret, the last time step used,
 * and hashed one-time recovery codes. Every "use" is one conditional UPDATE, so of two racing requests one wins.
 */
import type { Queryable } from './db';

export interface TwoStepSecret {
  accountId: string;
  /** Sealed with the keyring (crypto/envelope.ts); opened only by the two-step commands. */
  secretSealed: string;
  /** Null while the person has not yet confirmed enrollment with a first code. */
  enabledAt: Date | null;
  lastUsedStep: number | null;
  createdAt: Date;
}

export interface TwoStepRepository {
  find(accountId: string): Promise<TwoStepSecret | null>;
  /** Stores a secret awaiting its first code, replacing an earlier unconfirmed one; false if one is enabled. */
  savePending(accountId: string, secretSealed: string): Promise<boolean>;
  /** Confirms the pending secret with the step of its first code; false if it was replaced or is already enabled. */
  enable(accountId: string, secretSealed: string, step: number): Promise<boolean>;
  /** Records the step of a used code; false if that step or a later one was already used. */
  useStep(accountId: string, step: number): Promise<boolean>;
  /** Replaces all recovery codes of the account with new ones (hashes only). */
  replaceRecoveryCodes(accountId: string, codeHashes: string[]): Promise<void>;
  /** Uses a recovery code; false if it is unknown or was used before. */
  useRecoveryCode(accountId: string, codeHash: string): Promise<boolean>;
  countUnusedRecoveryCodes(accountId: string): Promise<number>;
  /** Forgets the secret (enabled or pending) and every recovery code; false if there was no secret. */
  remove(accountId: string): Promise<boolean>;
}

function toSecret(row: Record<string, unknown>): TwoStepSecret {
  return {
    accountId: row.account_id as string,
    secretSealed: row.secret_sealed as string,
    enabledAt: (row.enabled_at as Date | null) ?? null,
    lastUsedStep: row.last_used_step === null || row.last_used_step === undefined ? null : Number(row.last_used_step),
    createdAt: row.created_at as Date,
  };
}

export function twoStepRepository(q: Queryable): TwoStepRepository {
  return {
    async find(accountId) {
      const rows = await q.query(
        'SELECT account_id, secret_sealed, enabled_at, last_used_step, created_at FROM two_step_secrets WHERE account_id = $1',
        [accountId],
      );
      return rows[0] ? toSecret(rows[0]) : null;
    },
    async savePending(accountId, secretSealed) {
      const rows = await q.query(
        `INSERT INTO two_step_secrets AS s (account_id, secret_sealed) VALUES ($1, $2)
         ON CONFLICT (account_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, last_used_step = NULL, created_at = now()
         WHERE s.enabled_at IS NULL
         RETURNING account_id`,
        [accountId, secretSealed],
      );
      return rows.length === 1;
    },
    async enable(accountId, secretSealed, step) {
      const rows = await q.query(
        `UPDATE two_step_secrets SET enabled_at = now(), last_used_step = $3
         WHERE account_id = $1 AND secret_sealed = $2 AND enabled_at IS NULL RETURNING account_id`,
        [accountId, secretSealed, step],
      );
      return rows.length === 1;
    },
    async useStep(accountId, step) {
      const rows = await q.query(
        `UPDATE two_step_secrets SET last_used_step = $2
         WHERE account_id = $1 AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)
         RETURNING account_id`,
        [accountId, step],
      );
      return rows.length === 1;
    },
    async replaceRecoveryCodes(accountId, codeHashes) {
      await q.query('DELETE FROM recovery_codes WHERE account_id = $1', [accountId]);
      for (const hash of codeHashes) {
        await q.query('INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)', [accountId, hash]);
      }
    },
    async useRecoveryCode(accountId, codeHash) {
      const rows = await q.query(
        `UPDATE recovery_codes SET used_at = now()
         WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING account_id`,
        [accountId, codeHash],
      );
      return rows.length === 1;
    },
    async countUnusedRecoveryCodes(accountId) {
      const rows = await q.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL',
        [accountId],
      );
      return rows[0]?.n ?? 0;
    },
    async remove(accountId) {
      await q.query('DELETE FROM recovery_codes WHERE account_id = $1', [accountId]);
      const rows = await q.query('DELETE FROM two_step_secrets WHERE account_id = $1 RETURNING account_id', [accountId]);
      return rows.length === 1;
    },
  };
}
