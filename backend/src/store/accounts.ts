/** Global identities, one per normalized email. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import type { Account } from './types';

export interface AccountRepository {
  create(input: { email: string; name: string; passwordHash: string | null; phone?: string | null }): Promise<Account>;
  findById(id: string): Promise<Account | null>;
  findByEmail(email: string): Promise<Account | null>;
  /** The accounts of these normalized addresses, in one round trip (unknown addresses are left out). */
  findByEmails(emails: string[]): Promise<Account[]>;
  /**
   * The account of an address and whether it is an active member anywhere, in one query whichever the answer
   * (sign-up must do the same work for every address).
   */
  findForSignUp(email: string): Promise<{ account: Account; activeSomewhere: boolean } | null>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  /** Sets a new hash only if the stored one is still `expectedHash`; false if another change came first. */
  replacePassword(id: string, expectedHash: string, passwordHash: string): Promise<boolean>;
  setBlocked(id: string, blocked: boolean): Promise<void>;
  /**
   * Name and phone only. An account's email is its global identity: no organization may change it, since the account
   * can hold other organizations' messages, receipts and audit entries.
   */
  updateProfile(id: string, profile: { name?: string; phone?: string | null }): Promise<void>;
}

export const ACCOUNT_COLUMNS = 'a.id, a.email, a.name, a.phone, a.password_hash, a.blocked_at, a.created_at';

export function toAccount(row: Record<string, unknown>, prefix = ''): Account {
  return {
    id: row[`${prefix}id`] as string,
    email: row[`${prefix}email`] as string,
    name: row[`${prefix}name`] as string,
    phone: (row[`${prefix}phone`] as string | null) ?? null,
    passwordHash: (row[`${prefix}password_hash`] as string | null) ?? null,
    blockedAt: (row[`${prefix}blocked_at`] as Date | null) ?? null,
    createdAt: row[`${prefix}created_at`] as Date,
  };
}

export function accountRepository(q: Queryable): AccountRepository {
  return {
    async create(input) {
      const rows = await q.query(
        `INSERT INTO accounts AS a (id, email, name, phone, password_hash) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${ACCOUNT_COLUMNS}`,
        [randomUUID(), input.email, input.name, input.phone ?? null, input.passwordHash],
      );
      return toAccount(rows[0]!);
    },
    async findById(id) {
      const rows = await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`, [id]);
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async findByEmail(email) {
      const rows = await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.email = $1`, [email]);
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async findByEmails(emails) {
      const rows = await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.email = ANY($1::text[])`, [emails]);
      return rows.map((row) => toAccount(row));
    },
    async findForSignUp(email) {
      const rows = await q.query(
        `SELECT ${ACCOUNT_COLUMNS},
           EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = a.id AND m.status = 'active') AS active_somewhere
         FROM accounts a WHERE a.email = $1`,
        [email],
      );
      const row = rows[0];
      return row ? { account: toAccount(row), activeSomewhere: row.active_somewhere as boolean } : null;
    },
    async replacePassword(id, expectedHash, passwordHash) {
      const rows = await q.query('UPDATE accounts SET password_hash = $3, updated_at = now() WHERE id = $1 AND password_hash = $2 RETURNING id', [
        id,
        expectedHash,
        passwordHash,
      ]);
      return rows.length === 1;
    },
    async setPassword(id, passwordHash) {
      await q.query('UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
    },
    async updateProfile(id, profile) {
      await q.query(
        `UPDATE accounts SET name = COALESCE($2, name),
           phone = CASE WHEN $3::boolean THEN $4 ELSE phone END, updated_at = now() WHERE id = $1`,
        [id, profile.name ?? null, profile.phone !== undefined, profile.phone ?? null],
      );
    },
    async setBlocked(id, blocked) {
      await q.query(
        `UPDATE accounts SET blocked_at = CASE WHEN $2::boolean THEN now() ELSE NULL END, updated_at = now() WHERE id = $1`,
        [id, blocked],
      );
    },
  };
}
