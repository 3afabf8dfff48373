/**
 * Conversation hand-overs (migration 018): whose replies go to whom once a pro is removed. Applied when a reply's
 * recipients are resolved, so stored messages never change and a reply lands in the same thread as before.
 */
import type { Queryable } from './db';

export interface Successor {
  /** The address the reply was written to (the removed pro's). */
  fromEmail: string;
  toAccountId: string;
  toEmail: string;
}

export interface HandoverRepository {
  /**
   * Hands `fromId`'s conversations to `toId`; conversations handed to `fromId` earlier follow on to `toId`, so the
   * map never points at someone who left. A second removal of the same person moves the cut-off to now.
   */
  handOver(organizationId: string, fromId: string, toId: string, by: string): Promise<void>;
  /**
   * For the given addresses, the pro who now answers for each in a thread whose replied-to message was written at
   * `repliedAt`: only conversations from before the hand-over pass on (a returning member keeps their new ones).
   */
  successorsFor(organizationId: string, emails: string[], repliedAt: Date): Promise<Successor[]>;
}

export function handoverRepository(q: Queryable): HandoverRepository {
  return {
    async handOver(organizationId, fromId, toId, by) {
      // the new owner's own conversations, once handed to the person leaving, come back to them
      await q.query('DELETE FROM conversation_handovers WHERE organization_id = $1 AND from_account_id = $3 AND to_account_id = $2', [organizationId, fromId, toId]);
      await q.query('UPDATE conversation_handovers SET to_account_id = $3 WHERE organization_id = $1 AND to_account_id = $2', [organizationId, fromId, toId]);
      await q.query(
        `INSERT INTO conversation_handovers (organization_id, from_account_id, to_account_id, handed_over_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, from_account_id)
         DO UPDATE SET to_account_id = EXCLUDED.to_account_id, handed_over_by = EXCLUDED.handed_over_by, handed_over_at = now()`,
        [organizationId, fromId, toId, by],
      );
    },
    async successorsFor(organizationId, emails, repliedAt) {
      if (emails.length === 0) return [];
      const rows = await q.query(
        `SELECT fa.email AS from_email, ta.id AS to_id, ta.email AS to_email
         FROM conversation_handovers h
         JOIN accounts fa ON fa.id = h.from_account_id
         JOIN accounts ta ON ta.id = h.to_account_id
         WHERE h.organization_id = $1 AND fa.email = ANY($2::text[]) AND h.handed_over_at > $3`,
        [organizationId, emails, repliedAt],
      );
      return rows.map((r) => ({ fromEmail: r.from_email as string, toAccountId: r.to_id as string, toEmail: r.to_email as string }));
    },
  };
}
