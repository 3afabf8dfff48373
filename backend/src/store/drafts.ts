/**
 * Drafts (migration 018): one sealed record per draft, owned by the account that typed it. Every query names that
 * account, which is the scope here: a draft outlives the membership it was written in, so the person keeps it in
 * their other organizations.
 */
import type { Queryable } from './db';

export interface StoredDraft {
  id: string;
  accountId: string;
  organizationId: string;
  organizationName: string;
  contentSealed: string;
  updatedAt: Date;
}

export interface DraftRepository {
  /** Creates or replaces the account's draft; false when the id belongs to someone else's draft (nothing written). */
  save(input: { id: string; accountId: string; organizationId: string; contentSealed: string }): Promise<Date | null>;
  listForAccount(accountId: string, limit: number): Promise<StoredDraft[]>;
  countForAccount(accountId: string): Promise<number>;
  delete(accountId: string, id: string): Promise<boolean>;
}

export function draftRepository(q: Queryable): DraftRepository {
  return {
    async save({ id, accountId, organizationId, contentSealed }) {
      const rows = await q.query(
        `INSERT INTO drafts AS d (id, account_id, organization_id, content_sealed) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET content_sealed = EXCLUDED.content_sealed, organization_id = EXCLUDED.organization_id, updated_at = now()
           WHERE d.account_id = EXCLUDED.account_id
         RETURNING d.updated_at`,
        [id, accountId, organizationId, contentSealed],
      );
      return rows[0] ? (rows[0].updated_at as Date) : null;
    },
    async listForAccount(accountId, limit) {
      const rows = await q.query(
        `SELECT d.id, d.account_id, d.organization_id, o.name AS organization_name, d.content_sealed, d.updated_at
         FROM drafts d JOIN organizations o ON o.id = d.organization_id
         WHERE d.account_id = $1 ORDER BY d.updated_at DESC, d.id LIMIT $2`,
        [accountId, limit],
      );
      return rows.map((r) => ({
        id: r.id as string,
        accountId: r.account_id as string,
        organizationId: r.organization_id as string,
        organizationName: r.organization_name as string,
        contentSealed: r.content_sealed as string,
        updatedAt: r.updated_at as Date,
      }));
    },
    async countForAccount(accountId) {
      const rows = await q.query('SELECT count(*)::int AS n FROM drafts WHERE account_id = $1', [accountId]);
      return rows[0]!.n as number;
    },
    async delete(accountId, id) {
      const rows = await q.query('DELETE FROM drafts WHERE account_id = $1 AND id = $2 RETURNING id', [accountId, id]);
      return rows.length === 1;
    },
  };
}
