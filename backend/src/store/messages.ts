/** Messages, their recipients and their views (inbox, sent, thread), with content kept sealed. */
import type { Queryable } from './db';
import { isUniqueViolation, UniqueConflict } from './uniqueConflict';

export type RecipientKind = 'to' | 'cc' | 'bcc';

export interface StoredMessage {
  id: string;
  organizationId: string;
  threadId: string;
  inReplyTo: string | null;
  senderId: string;
  dataKeyId: string;
  dataKey: string;
  subjectSealed: string;
  bodySealed: string;
  deliveredByClient: boolean;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  recalledAt: Date | null;
  recalledBy: string | null;
  recallReasonSealed: string | null;
  senderDeletedAt: Date | null;
  /** Set on a forward: the message whose content it carries. */
  forwardedFrom: string | null;
  /** Its recipients may not forward it (the sender still may). */
  noForwarding: boolean;
}

export type NewMessage = Omit<StoredMessage, 'createdAt' | 'recalledAt' | 'recalledBy' | 'recallReasonSealed' | 'senderDeletedAt' | 'forwardedFrom' | 'noForwarding'> & {
  forwardedFrom?: string | null;
  noForwarding?: boolean;
};

type Page = { before?: { createdAt: Date; id: string }; limit: number };

export interface MessageRecipient {
  messageId: string;
  accountId: string;
  kind: RecipientKind;
  email: string;
  name: string;
  notifiedAt: Date | null;
  firstOpenedAt: Date | null;
  lastOpenedAt: Date | null;
  openCount: number;
  deletedAt: Date | null;
}

/** A message as one person sees it in a list: with the sender's name and whether they opened it. */
export interface MessageListing extends StoredMessage {
  senderName: string;
  senderEmail: string;
  openedByViewer: boolean;
  fileCount: number;
}

export interface MessageRepository {
  /** Throws UniqueConflict('messages_idempotency') when the sender already used this Idempotency-Key (the transaction is then over). */
  create(input: NewMessage): Promise<StoredMessage>;
  addRecipients(messageId: string, recipients: { accountId: string; kind: RecipientKind; notified: boolean }[]): Promise<void>;
  findById(organizationId: string, id: string): Promise<StoredMessage | null>;
  findByIdempotencyKey(organizationId: string, senderId: string, key: string): Promise<StoredMessage | null>;
  recipients(messageId: string): Promise<MessageRecipient[]>;
  /** The recipients of several messages at once (list pages): To, then Cc, then Bcc, by name. */
  recipientsOf(messageIds: string[]): Promise<MessageRecipient[]>;
  /** The messages a forward's content comes from, nearest first: what it forwarded, what that forwarded, … */
  forwardSources(organizationId: string, id: string): Promise<StoredMessage[]>;
  /** Inbox of one person in one organization, newest first; keyset pagination by (created_at, id). */
  inbox(organizationId: string, accountId: string, page: Page): Promise<MessageListing[]>;
  sent(organizationId: string, accountId: string, page: Page): Promise<MessageListing[]>;
  /** Messages still in one person's view that they exchanged with another (sent to them, or received from them). */
  exchangedWith(organizationId: string, accountId: string, otherId: string, page: Page): Promise<MessageListing[]>;
  /** A page of the messages of a thread that this person sent or received and has not deleted from view, newest first. */
  threadFor(organizationId: string, threadId: string, accountId: string, page: Page): Promise<MessageListing[]>;
  recordOpen(messageId: string, accountId: string): Promise<void>;
  recall(organizationId: string, id: string, by: string, reasonSealed: string | null): Promise<void>;
  setExpiry(organizationId: string, id: string, expiresAt: Date | null): Promise<void>;
  deleteForRecipient(messageId: string, accountId: string): Promise<boolean>;
  deleteForSender(organizationId: string, id: string, senderId: string): Promise<boolean>;
  /**
   * Takes every message of the organization out of one person's view, sent and received (a removed member coming
   * back starts with nothing: what they had before removal stays unreadable). Others' views are untouched.
   */
  clearViewOf(organizationId: string, accountId: string): Promise<void>;
  /** Re-wraps data keys in batches for key rotation; returns how many moved to the new key id. */
  listDataKeysNotUnder(keyId: string, limit: number): Promise<{ id: string; organizationId: string; dataKeyId: string; dataKey: string }[]>;
  replaceDataKey(id: string, fromKeyId: string, keyId: string, dataKey: string): Promise<boolean>;
}

const COLUMNS = `m.id, m.organization_id, m.thread_id, m.in_reply_to, m.sender_id, m.data_key_id, m.data_key, m.subject_sealed,
  m.body_sealed, m.delivered_by_client, m.idempotency_key, m.request_hash, m.created_at, m.expires_at, m.recalled_at,
  m.recalled_by, m.recall_reason_sealed, m.sender_deleted_at, m.forwarded_from, m.no_forwarding`;

function toMessage(row: Record<string, unknown>): StoredMessage {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    threadId: row.thread_id as string,
    inReplyTo: (row.in_reply_to as string | null) ?? null,
    senderId: row.sender_id as string,
    dataKeyId: row.data_key_id as string,
    dataKey: row.data_key as string,
    subjectSealed: row.subject_sealed as string,
    bodySealed: row.body_sealed as string,
    deliveredByClient: row.delivered_by_client as boolean,
    idempotencyKey: (row.idempotency_key as string | null) ?? null,
    requestHash: (row.request_hash as string | null) ?? null,
    createdAt: row.created_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    recalledAt: (row.recalled_at as Date | null) ?? null,
    recalledBy: (row.recalled_by as string | null) ?? null,
    recallReasonSealed: (row.recall_reason_sealed as string | null) ?? null,
    senderDeletedAt: (row.sender_deleted_at as Date | null) ?? null,
    forwardedFrom: (row.forwarded_from as string | null) ?? null,
    noForwarding: row.no_forwarding as boolean,
  };
}

function toListing(row: Record<string, unknown>): MessageListing {
  return {
    ...toMessage(row),
    senderName: row.sender_name as string,
    senderEmail: row.sender_email as string,
    openedByViewer: Boolean(row.opened_by_viewer),
    fileCount: (row.file_count as number) ?? 0,
  };
}

const LISTING = `${COLUMNS}, s.name AS sender_name, s.email AS sender_email,
  (SELECT count(*)::int FROM message_files l WHERE l.message_id = m.id) AS file_count`;

function toRecipient(row: Record<string, unknown>): MessageRecipient {
  return {
    messageId: row.message_id as string,
    accountId: row.account_id as string,
    kind: row.kind as RecipientKind,
    email: row.email as string,
    name: row.name as string,
    notifiedAt: (row.notified_at as Date | null) ?? null,
    firstOpenedAt: (row.first_opened_at as Date | null) ?? null,
    lastOpenedAt: (row.last_opened_at as Date | null) ?? null,
    openCount: row.open_count as number,
    deletedAt: (row.deleted_at as Date | null) ?? null,
  };
}

// A recipient's name as the message's organization knows them: its invitation's until they join (migration 007).
const RECIPIENT_COLUMNS = `r.message_id, r.account_id, r.kind, r.notified_at, r.first_opened_at, r.last_opened_at, r.open_count,
  r.deleted_at, a.email, sealpost_member_name(msg.organization_id, r.account_id, rm.status) AS name`;
const RECIPIENTS_FROM = `message_recipients r JOIN accounts a ON a.id = r.account_id JOIN messages msg ON msg.id = r.message_id
  LEFT JOIN memberships rm ON rm.organization_id = msg.organization_id AND rm.account_id = r.account_id`;

export function messageRepository(q: Queryable): MessageRepository {
  return {
    async create(input) {
      try {
        const rows = await q.query(
          `INSERT INTO messages AS m (id, organization_id, thread_id, in_reply_to, sender_id, data_key_id, data_key, subject_sealed,
             body_sealed, delivered_by_client, idempotency_key, request_hash, expires_at, forwarded_from, no_forwarding)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
          [input.id, input.organizationId, input.threadId, input.inReplyTo, input.senderId, input.dataKeyId, input.dataKey,
            input.subjectSealed, input.bodySealed, input.deliveredByClient, input.idempotencyKey, input.requestHash, input.expiresAt,
            input.forwardedFrom ?? null, input.noForwarding ?? false],
        );
        return toMessage(rows[0]!);
      } catch (err) {
        // The id is a fresh UUID, so the one key a second insert can repeat is the sender's Idempotency-Key.
        if (input.idempotencyKey !== null && isUniqueViolation(err, 'messages_idempotency')) throw new UniqueConflict('messages_idempotency');
        throw err;
      }
    },
    async addRecipients(messageId, recipients) {
      if (!recipients.length) return;
      await q.query(
        `INSERT INTO message_recipients (message_id, account_id, kind, notified_at)
         SELECT $1, r.account_id, r.kind, CASE WHEN r.notified THEN now() END
         FROM unnest($2::uuid[], $3::text[], $4::boolean[]) AS r(account_id, kind, notified)`,
        [messageId, recipients.map((r) => r.accountId), recipients.map((r) => r.kind), recipients.map((r) => r.notified)],
      );
    },
    async findById(organizationId, id) {
      const rows = await q.query(`SELECT ${COLUMNS} FROM messages m WHERE m.organization_id = $1 AND m.id = $2`, [organizationId, id]);
      return rows[0] ? toMessage(rows[0]) : null;
    },
    async findByIdempotencyKey(organizationId, senderId, key) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM messages m WHERE m.organization_id = $1 AND m.sender_id = $2 AND m.idempotency_key = $3`,
        [organizationId, senderId, key],
      );
      return rows[0] ? toMessage(rows[0]) : null;
    },
    async recipients(messageId) {
      const rows = await q.query(
        `SELECT ${RECIPIENT_COLUMNS} FROM ${RECIPIENTS_FROM}
         WHERE r.message_id = $1 ORDER BY r.kind, a.email`,
        [messageId],
      );
      return rows.map(toRecipient);
    },
    async recipientsOf(messageIds) {
      if (messageIds.length === 0) return [];
      const rows = await q.query(
        `SELECT ${RECIPIENT_COLUMNS} FROM ${RECIPIENTS_FROM}
         WHERE r.message_id = ANY($1::uuid[])
         ORDER BY r.message_id, CASE r.kind WHEN 'to' THEN 0 WHEN 'cc' THEN 1 ELSE 2 END, name, a.email`,
        [messageIds],
      );
      return rows.map(toRecipient);
    },
    async forwardSources(organizationId, id) {
      const rows = await q.query(
        `WITH RECURSIVE chain AS (
           SELECT s.*, 1 AS depth FROM messages f JOIN messages s ON s.id = f.forwarded_from
           WHERE f.organization_id = $1 AND f.id = $2 AND s.organization_id = $1
           UNION ALL
           SELECT s.*, c.depth + 1 FROM chain c JOIN messages s ON s.id = c.forwarded_from AND s.organization_id = $1
         )
         SELECT ${COLUMNS} FROM chain m ORDER BY m.depth`,
        [organizationId, id],
      );
      return rows.map(toMessage);
    },
    async inbox(organizationId, accountId, page) {
      const rows = await q.query(
        `SELECT ${LISTING}, (r.first_opened_at IS NOT NULL) AS opened_by_viewer
         FROM message_recipients r JOIN messages m ON m.id = r.message_id JOIN accounts s ON s.id = m.sender_id
         WHERE r.account_id = $2 AND r.deleted_at IS NULL AND m.organization_id = $1
           AND ($3::timestamptz IS NULL OR (m.created_at, m.id) < ($3::timestamptz, $4::uuid))
         ORDER BY m.created_at DESC, m.id DESC LIMIT $5`,
        [organizationId, accountId, page.before?.createdAt ?? null, page.before?.id ?? null, page.limit],
      );
      return rows.map(toListing);
    },
    async sent(organizationId, accountId, page) {
      const rows = await q.query(
        `SELECT ${LISTING}, true AS opened_by_viewer
         FROM messages m JOIN accounts s ON s.id = m.sender_id
         WHERE m.organization_id = $1 AND m.sender_id = $2 AND m.sender_deleted_at IS NULL
           AND ($3::timestamptz IS NULL OR (m.created_at, m.id) < ($3::timestamptz, $4::uuid))
         ORDER BY m.created_at DESC, m.id DESC LIMIT $5`,
        [organizationId, accountId, page.before?.createdAt ?? null, page.before?.id ?? null, page.limit],
      );
      return rows.map(toListing);
    },
    async exchangedWith(organizationId, accountId, otherId, page) {
      // what the person sent the other (still in their sent view), and what the other sent them (still in their inbox)
      const rows = await q.query(
        `SELECT ${LISTING}, (m.sender_id = $2 OR mine.first_opened_at IS NOT NULL) AS opened_by_viewer
         FROM messages m JOIN accounts s ON s.id = m.sender_id
         LEFT JOIN message_recipients mine ON mine.message_id = m.id AND mine.account_id = $2
         WHERE m.organization_id = $1
           AND ((m.sender_id = $2 AND m.sender_deleted_at IS NULL
                 AND EXISTS (SELECT 1 FROM message_recipients o WHERE o.message_id = m.id AND o.account_id = $3))
             OR (m.sender_id = $3 AND mine.account_id IS NOT NULL AND mine.deleted_at IS NULL))
           AND ($4::timestamptz IS NULL OR (m.created_at, m.id) < ($4::timestamptz, $5::uuid))
         ORDER BY m.created_at DESC, m.id DESC LIMIT $6`,
        [organizationId, accountId, otherId, page.before?.createdAt ?? null, page.before?.id ?? null, page.limit],
      );
      return rows.map(toListing);
    },
    async threadFor(organizationId, threadId, accountId, page) {
      const rows = await q.query(
        `SELECT ${LISTING}, (m.sender_id = $3 OR r.first_opened_at IS NOT NULL) AS opened_by_viewer
         FROM messages m JOIN accounts s ON s.id = m.sender_id
         LEFT JOIN message_recipients r ON r.message_id = m.id AND r.account_id = $3
         WHERE m.organization_id = $1 AND m.thread_id = $2
           AND ((m.sender_id = $3 AND m.sender_deleted_at IS NULL) OR (r.account_id IS NOT NULL AND r.deleted_at IS NULL))
           AND ($4::timestamptz IS NULL OR (m.created_at, m.id) < ($4::timestamptz, $5::uuid))
         ORDER BY m.created_at DESC, m.id DESC LIMIT $6`,
        [organizationId, threadId, accountId, page.before?.createdAt ?? null, page.before?.id ?? null, page.limit],
      );
      return rows.map(toListing);
    },
    async recordOpen(messageId, accountId) {
      await q.query(
        `UPDATE message_recipients SET first_opened_at = COALESCE(first_opened_at, now()), last_opened_at = now(),
           open_count = open_count + 1 WHERE message_id = $1 AND account_id = $2`,
        [messageId, accountId],
      );
    },
    async recall(organizationId, id, by, reasonSealed) {
      await q.query(
        `UPDATE messages SET recalled_at = now(), recalled_by = $3, recall_reason_sealed = $4
         WHERE organization_id = $1 AND id = $2 AND recalled_at IS NULL`,
        [organizationId, id, by, reasonSealed],
      );
    },
    async setExpiry(organizationId, id, expiresAt) {
      await q.query('UPDATE messages SET expires_at = $3 WHERE organization_id = $1 AND id = $2', [organizationId, id, expiresAt]);
    },
    async deleteForRecipient(messageId, accountId) {
      const rows = await q.query(
        'UPDATE message_recipients SET deleted_at = now() WHERE message_id = $1 AND account_id = $2 AND deleted_at IS NULL RETURNING message_id',
        [messageId, accountId],
      );
      return rows.length === 1;
    },
    async deleteForSender(organizationId, id, senderId) {
      const rows = await q.query(
        `UPDATE messages SET sender_deleted_at = now() WHERE organization_id = $1 AND id = $2 AND sender_id = $3
           AND sender_deleted_at IS NULL RETURNING id`,
        [organizationId, id, senderId],
      );
      return rows.length === 1;
    },
    async clearViewOf(organizationId, accountId) {
      await q.query(
        `UPDATE message_recipients r SET deleted_at = now() FROM messages m
         WHERE m.id = r.message_id AND m.organization_id = $1 AND r.account_id = $2 AND r.deleted_at IS NULL`,
        [organizationId, accountId],
      );
      await q.query(
        'UPDATE messages SET sender_deleted_at = now() WHERE organization_id = $1 AND sender_id = $2 AND sender_deleted_at IS NULL',
        [organizationId, accountId],
      );
    },
    async listDataKeysNotUnder(keyId, limit) {
      const rows = await q.query(
        'SELECT id, organization_id, data_key_id, data_key FROM messages WHERE data_key_id <> $1 ORDER BY id LIMIT $2',
        [keyId, limit],
      );
      return rows.map((r) => ({ id: r.id as string, organizationId: r.organization_id as string, dataKeyId: r.data_key_id as string, dataKey: r.data_key as string }));
    },
    async replaceDataKey(id, fromKeyId, keyId, dataKey) {
      const rows = await q.query(
        'UPDATE messages SET data_key_id = $3, data_key = $4 WHERE id = $1 AND data_key_id = $2 RETURNING id',
        [id, fromKeyId, keyId, dataKey],
      );
      return rows.length === 1;
    },
  };
}
