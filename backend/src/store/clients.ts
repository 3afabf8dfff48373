/**
 * A pro's clients: the organization's guests with whom the pro exchanged messages that are still in the pro's own
 * view. Deleting every such message from one's view takes the client off the list; nothing is stored apart.
 */
import type { Queryable } from './db';

export interface ClientListing {
  accountId: string;
  name: string;
  email: string;
  /** The newest message exchanged (either way) that the pro still has. */
  lastExchangeAt: Date;
  messageCount: number;
}

export interface ClientQuery {
  /** Part of the name or email address. */
  search?: string;
  /** Keyset: the clients after this one in the list's order (newest exchange first). */
  after?: { lastExchangeAt: Date; accountId: string };
  limit: number;
}

export interface ClientRepository {
  listForPro(organizationId: string, proId: string, query: ClientQuery): Promise<ClientListing[]>;
  /** The one client, if the pro has any message with them in view. */
  findForPro(organizationId: string, proId: string, clientId: string): Promise<ClientListing | null>;
}

/**
 * Every (client, message) pair in the pro's view: recipients of what the pro sent and did not delete, senders of
 * what the pro received and did not delete. $1 organization, $2 pro.
 */
const EXCHANGES = `
  SELECT r.account_id AS client_id, m.id AS message_id, m.created_at
    FROM messages m JOIN message_recipients r ON r.message_id = m.id
   WHERE m.organization_id = $1 AND m.sender_id = $2 AND m.sender_deleted_at IS NULL
  UNION
  SELECT m.sender_id, m.id, m.created_at
    FROM message_recipients r JOIN messages m ON m.id = r.message_id
   WHERE m.organization_id = $1 AND r.account_id = $2 AND r.deleted_at IS NULL`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function toClient(row: Record<string, unknown>): ClientListing {
  return {
    accountId: row.account_id as string,
    name: row.name as string,
    email: row.email as string,
    lastExchangeAt: row.last_exchange_at as Date,
    messageCount: row.message_count as number,
  };
}

export function clientRepository(q: Queryable): ClientRepository {
  /** $3 search pattern, $4 and $5 the keyset, $6 one client: each null when not wanted. */
  async function query(organizationId: string, proId: string, filter: { search?: string; after?: ClientQuery['after']; clientId?: string }, limit: number) {
    const rows = await q.query(
      `SELECT * FROM (
         -- milliseconds, as JavaScript keeps them, so a cursor made from a row compares equal to that row
         -- the name this organization knows the client by: its invitation's until they join (migration 007)
         SELECT e.client_id AS account_id, sealpost_member_name($1, e.client_id, ms.status) AS name, a.email,
                date_trunc('milliseconds', max(e.created_at)) AS last_exchange_at, count(*)::int AS message_count
           FROM (${EXCHANGES}) e
           JOIN memberships ms ON ms.organization_id = $1 AND ms.account_id = e.client_id AND ms.type = 'guest'
           JOIN accounts a ON a.id = e.client_id
          WHERE e.client_id <> $2
            AND ($3::text IS NULL OR lower(sealpost_member_name($1, e.client_id, ms.status)) LIKE $3 OR a.email LIKE $3)
            AND ($6::uuid IS NULL OR e.client_id = $6)
          GROUP BY e.client_id, ms.status, a.email
       ) c
       WHERE ($4::timestamptz IS NULL OR (c.last_exchange_at, c.account_id) < ($4::timestamptz, $5::uuid))
       ORDER BY c.last_exchange_at DESC, c.account_id DESC LIMIT $7`,
      [
        organizationId,
        proId,
        filter.search ? `%${escapeLike(filter.search.toLowerCase())}%` : null,
        filter.after?.lastExchangeAt ?? null,
        filter.after?.accountId ?? null,
        filter.clientId ?? null,
        limit,
      ],
    );
    return rows.map(toClient);
  }

  return {
    listForPro: (organizationId, proId, { search, after, limit }) => query(organizationId, proId, { search, after }, limit),
    async findForPro(organizationId, proId, clientId) {
      return (await query(organizationId, proId, { clientId }, 1))[0] ?? null;
    },
  };
}
