/**
 * Files: uploads in progress and complete ones, their sealed names, wrapped data keys and blob keys, and the
 * messages that carry them (the message a file was sent with, and any forward of it).
 */
import type { Queryable } from './db';

export type FileStatus = 'uploading' | 'complete';

export interface StoredFile {
  id: string;
  organizationId: string;
  uploaderId: string;
  /** The message the file was first sent with (its origin); null while it is an upload nobody sent yet. */
  messageId: string | null;
  nameSealed: string;
  contentType: string;
  /** Declared plaintext size. */
  size: number;
  /** Plaintext bytes stored so far: the upload offset. */
  received: number;
  dataKeyId: string;
  dataKey: string;
  blobKey: string;
  status: FileStatus;
  createdAt: Date;
  completedAt: Date | null;
  /** The last time the upload made progress (created, a chunk stored). */
  updatedAt: Date;
}

export type NewFile = Pick<
  StoredFile,
  'id' | 'organizationId' | 'uploaderId' | 'nameSealed' | 'contentType' | 'size' | 'dataKeyId' | 'dataKey' | 'blobKey'
>;

export interface StorageUsage {
  unsentCount: number;
  unsentBytes: number;
  organizationBytes: number;
}

export interface FileRepository {
  /** A new upload at offset 0; an empty file is complete at once (its blob is written before this is called). */
  create(input: NewFile): Promise<StoredFile>;
  findById(organizationId: string, id: string): Promise<StoredFile | null>;
  /**
   * Moves the offset from `from` to `to`, completing the file when `to` reaches its size. Null when the offset was
   * not `from` any more (another writer got there first) or the file is complete.
   */
  advance(organizationId: string, id: string, from: number, to: number): Promise<StoredFile | null>;
  /** Marks an upload as in progress now, so the sweep of abandoned uploads (in any process) leaves it alone. */
  touch(organizationId: string, id: string): Promise<void>;
  /** Reads files and locks their rows until the transaction ends (attaching them to a message). */
  findForUpdate(organizationId: string, ids: string[]): Promise<StoredFile[]>;
  /** Attaches files that are not attached yet (they become the message's own: their origin); returns how many. */
  attach(organizationId: string, ids: string[], messageId: string): Promise<number>;
  /** Lets another message (a forward) carry files already sent, without copying them; returns how many it linked. */
  link(organizationId: string, ids: string[], messageId: string): Promise<number>;
  /** The files a message carries, its own and forwarded ones, in the order they were first uploaded. */
  listForMessage(organizationId: string, messageId: string): Promise<StoredFile[]>;
  /** The ids of every message carrying a file: its origin first, then forwards, oldest first. */
  carriers(organizationId: string, fileId: string): Promise<string[]>;
  /** Files of any organization that no message carries and that made no progress since `idleSince`, oldest first. */
  listAbandoned(idleSince: Date, limit: number): Promise<StoredFile[]>;
  /** Deletes the file if it is still unsent and idle since `idleSince` (an upload resumed or sent meanwhile stays). */
  removeAbandoned(organizationId: string, id: string, idleSince: Date): Promise<boolean>;
  /** The organization's limit for one file, in bytes (organizations.max_file_bytes). */
  maxFileBytes(organizationId: string): Promise<number>;
  /** Declared sizes: the uploader's files not sent yet (count and bytes), and everything the organization stores. */
  usage(organizationId: string, uploaderId: string): Promise<StorageUsage>;
}

const COLUMN_NAMES = ['id', 'organization_id', 'uploader_id', 'message_id', 'name_sealed', 'content_type', 'size', 'received',
  'data_key_id', 'data_key', 'blob_key', 'status', 'created_at', 'completed_at', 'updated_at'];
const COLUMNS = COLUMN_NAMES.join(', ');
const F_COLUMNS = COLUMN_NAMES.map((c) => `f.${c}`).join(', ');

function toFile(row: Record<string, unknown>): StoredFile {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    uploaderId: row.uploader_id as string,
    messageId: (row.message_id as string | null) ?? null,
    nameSealed: row.name_sealed as string,
    contentType: row.content_type as string,
    // bigint: pg is told to parse it as a number (db.ts); Number() keeps any other driver honest
    size: Number(row.size),
    received: Number(row.received),
    dataKeyId: row.data_key_id as string,
    dataKey: row.data_key as string,
    blobKey: row.blob_key as string,
    status: row.status as FileStatus,
    createdAt: row.created_at as Date,
    completedAt: (row.completed_at as Date | null) ?? null,
    updatedAt: row.updated_at as Date,
  };
}

export function fileRepository(q: Queryable): FileRepository {
  return {
    async create(input) {
      const empty = input.size === 0;
      const rows = await q.query(
        `INSERT INTO files (id, organization_id, uploader_id, name_sealed, content_type, size, data_key_id, data_key, blob_key,
           status, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${empty ? 'now()' : 'NULL'}) RETURNING ${COLUMNS}`,
        [input.id, input.organizationId, input.uploaderId, input.nameSealed, input.contentType, input.size, input.dataKeyId,
          input.dataKey, input.blobKey, empty ? 'complete' : 'uploading'],
      );
      return toFile(rows[0]!);
    },
    async findById(organizationId, id) {
      const rows = await q.query(`SELECT ${COLUMNS} FROM files WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
      return rows[0] ? toFile(rows[0]) : null;
    },
    async advance(organizationId, id, from, to) {
      const rows = await q.query(
        `UPDATE files SET received = $4, updated_at = now(),
           status = CASE WHEN $4 = size THEN 'complete' ELSE 'uploading' END,
           completed_at = CASE WHEN $4 = size THEN now() ELSE NULL END
         WHERE organization_id = $1 AND id = $2 AND received = $3 AND status = 'uploading' AND $4 > $3 AND $4 <= size
         RETURNING ${COLUMNS}`,
        [organizationId, id, from, to],
      );
      return rows[0] ? toFile(rows[0]) : null;
    },
    async touch(organizationId, id) {
      await q.query(`UPDATE files SET updated_at = now() WHERE organization_id = $1 AND id = $2 AND status = 'uploading'`, [organizationId, id]);
    },
    async findForUpdate(organizationId, ids) {
      if (ids.length === 0) return [];
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM files WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
        [organizationId, ids],
      );
      return rows.map(toFile);
    },
    async attach(organizationId, ids, messageId) {
      if (ids.length === 0) return 0;
      const rows = await q.query(
        `WITH attached AS (
           UPDATE files SET message_id = $3, updated_at = now()
           WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND message_id IS NULL AND status = 'complete' RETURNING id)
         INSERT INTO message_files (organization_id, message_id, file_id) SELECT $1, $3, id FROM attached RETURNING file_id`,
        [organizationId, ids, messageId],
      );
      return rows.length;
    },
    async link(organizationId, ids, messageId) {
      if (ids.length === 0) return 0;
      const rows = await q.query(
        `INSERT INTO message_files (organization_id, message_id, file_id)
         SELECT f.organization_id, m.id, f.id FROM files f JOIN messages m ON m.organization_id = f.organization_id AND m.id = $3
         WHERE f.organization_id = $1 AND f.id = ANY($2::uuid[]) AND f.message_id IS NOT NULL AND f.status = 'complete'
         ON CONFLICT DO NOTHING RETURNING file_id`,
        [organizationId, ids, messageId],
      );
      return rows.length;
    },
    async listForMessage(organizationId, messageId) {
      const rows = await q.query(
        `SELECT ${F_COLUMNS} FROM message_files l JOIN files f ON f.id = l.file_id AND f.organization_id = l.organization_id
         WHERE l.organization_id = $1 AND l.message_id = $2 ORDER BY f.created_at, f.id`,
        [organizationId, messageId],
      );
      return rows.map(toFile);
    },
    async carriers(organizationId, fileId) {
      const rows = await q.query<{ message_id: string }>(
        `SELECT l.message_id FROM message_files l JOIN files f ON f.id = l.file_id JOIN messages m ON m.id = l.message_id
         WHERE l.organization_id = $1 AND l.file_id = $2
         ORDER BY (l.message_id = f.message_id) DESC, m.created_at, m.id`,
        [organizationId, fileId],
      );
      return rows.map((r) => r.message_id);
    },
    async listAbandoned(idleSince, limit) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM files WHERE message_id IS NULL AND updated_at < $1 ORDER BY updated_at, id LIMIT $2`,
        [idleSince, limit],
      );
      return rows.map(toFile);
    },
    async removeAbandoned(organizationId, id, idleSince) {
      // Checked again under the row lock: a send that attached the file meanwhile wins, and the file stays. A lease
      // held now (a chunk being written on any instance) keeps it too, in this same statement, so no lease can be
      // taken between a separate check and the delete.
      const rows = await q.query(
        `DELETE FROM files WHERE organization_id = $1 AND id = $2 AND message_id IS NULL AND updated_at < $3
           AND NOT EXISTS (SELECT 1 FROM upload_leases WHERE file_id = files.id AND expires_at > now()) RETURNING id`,
        [organizationId, id, idleSince],
      );
      return rows.length === 1;
    },
    async usage(organizationId, uploaderId) {
      const [row] = await q.query<{ unsent_count: number; unsent_bytes: string; organization_bytes: string }>(
        `SELECT count(*) FILTER (WHERE uploader_id = $2 AND message_id IS NULL)::int AS unsent_count,
                coalesce(sum(size) FILTER (WHERE uploader_id = $2 AND message_id IS NULL), 0)::text AS unsent_bytes,
                coalesce(sum(size), 0)::text AS organization_bytes
         FROM files WHERE organization_id = $1`,
        [organizationId, uploaderId],
      );
      return { unsentCount: row!.unsent_count, unsentBytes: Number(row!.unsent_bytes), organizationBytes: Number(row!.organization_bytes) };
    },
    async maxFileBytes(organizationId) {
      const rows = await q.query<{ max_file_bytes: unknown }>('SELECT max_file_bytes FROM organizations WHERE id = $1', [organizationId]);
      if (!rows[0]) throw new Error(`no organization ${organizationId}`);
      return Number(rows[0].max_file_bytes);
    },
  };
}
