/** Files: uploads in progress and complete ones, their sealed names, wrapped data keys and blob keys. */
import type { Queryable } from './db';

export type FileStatus = 'uploading' | 'complete';

export interface StoredFile {
  id: string;
  organizationId: string;
  uploaderId: string;
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
}

export type NewFile = Pick<
  StoredFile,
  'id' | 'organizationId' | 'uploaderId' | 'nameSealed' | 'contentType' | 'size' | 'dataKeyId' | 'dataKey' | 'blobKey'
>;

export interface FileRepository {
  /** A new upload at offset 0; an empty file is complete at once (its blob is written before this is called). */
  create(input: NewFile): Promise<StoredFile>;
  findById(organizationId: string, id: string): Promise<StoredFile | null>;
  /**
   * Moves the offset from `from` to `to`, completing the file when `to` reaches its size. Null when the offset was
   * not `from` any more (another writer got there first) or the file is complete.
   */
  advance(organizationId: string, id: string, from: number, to: number): Promise<StoredFile | null>;
  /** Reads files and locks their rows until the transaction ends (attaching them to a message). */
  findForUpdate(organizationId: string, ids: string[]): Promise<StoredFile[]>;
  /** Attaches files that are not attached yet; returns how many it attached. */
  attach(organizationId: string, ids: string[], messageId: string): Promise<number>;
  listForMessage(organizationId: string, messageId: string): Promise<StoredFile[]>;
  /** The organization's limit for one file, in bytes (organizations.max_file_bytes). */
  maxFileBytes(organizationId: string): Promise<number>;
}

const COLUMNS = `id, organization_id, uploader_id, message_id, name_sealed, content_type, size, received, data_key_id, data_key,
  blob_key, status, created_at, completed_at`;

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
        `UPDATE files SET received = $4,
           status = CASE WHEN $4 = size THEN 'complete' ELSE 'uploading' END,
           completed_at = CASE WHEN $4 = size THEN now() ELSE NULL END
         WHERE organization_id = $1 AND id = $2 AND received = $3 AND status = 'uploading' AND $4 > $3 AND $4 <= size
         RETURNING ${COLUMNS}`,
        [organizationId, id, from, to],
      );
      return rows[0] ? toFile(rows[0]) : null;
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
        `UPDATE files SET message_id = $3
         WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND message_id IS NULL AND status = 'complete' RETURNING id`,
        [organizationId, ids, messageId],
      );
      return rows.length;
    },
    async listForMessage(organizationId, messageId) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM files WHERE organization_id = $1 AND message_id = $2 ORDER BY created_at, id`,
        [organizationId, messageId],
      );
      return rows.map(toFile);
    },
    async maxFileBytes(organizationId) {
      const rows = await q.query<{ max_file_bytes: unknown }>('SELECT max_file_bytes FROM organizations WHERE id = $1', [organizationId]);
      if (!rows[0]) throw new Error(`no organization ${organizationId}`);
      return Number(rows[0].max_file_bytes);
    },
  };
}
