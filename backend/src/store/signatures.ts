/**
 * Signature requests: the request on a message's PDF, its signers in order with what each did and from where, the
 * fields placed for each signer with their sealed values, and the events the certificate of completion lists.
 */
import type { Queryable } from './db';

export type SigningOrder = 'parallel' | 'sequential';
export type RequestStatus = 'open' | 'completed' | 'declined' | 'voided' | 'expired';
export type SignerStatus = 'sent' | 'viewed' | 'signed' | 'declined';
export type SignatureFieldKind = 'signature' | 'initials' | 'dateSigned' | 'text' | 'checkbox';

export interface StoredSignatureRequest {
  id: string;
  organizationId: string;
  messageId: string;
  fileId: string;
  requesterId: string;
  signingOrder: SigningOrder;
  /** As stored: an open request past its expiry is still 'open' here (see effectiveStatus in the commands). */
  status: RequestStatus;
  dataKeyId: string;
  dataKey: string;
  expiresAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  voidReasonSealed: string | null;
  completedFileId: string | null;
}

export interface StoredSigner {
  requestId: string;
  accountId: string;
  name: string;
  email: string;
  position: number;
  status: SignerStatus;
  viewedAt: Date | null;
  consentedAt: Date | null;
  consentIp: string | null;
  consentUserAgent: string | null;
  signedAt: Date | null;
  signIp: string | null;
  signUserAgent: string | null;
  declinedAt: Date | null;
  declineReasonSealed: string | null;
}

export interface StoredSignatureField {
  id: string;
  requestId: string;
  signerId: string;
  position: number;
  kind: SignatureFieldKind;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
  valueSealed: string | null;
}

export interface SignatureEvent {
  accountId: string | null;
  name: string | null;
  email: string | null;
  action: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A signer whose turn it is on an open request and who was last emailed about it a reminder period ago or more. */
export interface DueReminder {
  organizationId: string;
  requestId: string;
  requesterId: string;
  accountId: string;
  name: string;
  email: string;
  /** Where the reminder sits in the sweep's order: pass it back as `after` for the next batch. */
  cursor: ReminderCursor;
}

/** The request and signer position a batch ended at (the request's creation time is read back in full precision). */
export interface ReminderCursor {
  requestId: string;
  position: number;
}

export type NewSignatureRequest = Pick<StoredSignatureRequest,
  'id' | 'organizationId' | 'messageId' | 'fileId' | 'requesterId' | 'signingOrder' | 'dataKeyId' | 'dataKey' | 'expiresAt'>;

export interface SignatureRepository {
  create(request: NewSignatureRequest, signers: { accountId: string; position: number }[], fields: Omit<StoredSignatureField, 'requestId' | 'valueSealed'>[]): Promise<void>;
  findById(organizationId: string, id: string): Promise<StoredSignatureRequest | null>;
  /** The same, locking the request until the transaction ends: two decisions on one request happen one after the other. */
  findForUpdate(organizationId: string, id: string): Promise<StoredSignatureRequest | null>;
  /** Every request on a message, oldest first, at most MESSAGE_REQUESTS_SHOWN (the message's answer lists them). */
  forMessage(organizationId: string, messageId: string): Promise<StoredSignatureRequest[]>;
  /** Open requests on a message (voided when it is recalled). */
  openForMessage(organizationId: string, messageId: string): Promise<StoredSignatureRequest[]>;
  signers(requestId: string): Promise<StoredSigner[]>;
  fields(requestId: string): Promise<StoredSignatureField[]>;
  events(requestId: string): Promise<SignatureEvent[]>;
  addEvent(requestId: string, event: { accountId: string | null; action: string; ip: string | null; userAgent: string | null }): Promise<void>;
  markViewed(requestId: string, accountId: string): Promise<void>;
  recordConsent(requestId: string, accountId: string, client: { ip: string | null; userAgent: string | null }): Promise<void>;
  recordSigned(requestId: string, accountId: string, client: { ip: string | null; userAgent: string | null }, values: { fieldId: string; valueSealed: string }[]): Promise<void>;
  recordDeclined(requestId: string, accountId: string, reasonSealed: string): Promise<void>;
  /** The organization's own consent wording, or null for the default. */
  consentText(organizationId: string): Promise<string | null>;
  /** Sets the organization's consent wording; null goes back to the default. */
  setConsentText(organizationId: string, text: string | null): Promise<void>;
  /** Days between reminders to a signer whose turn it is; 0: no reminders. */
  reminderDays(organizationId: string): Promise<number>;
  setReminderDays(organizationId: string, days: number): Promise<void>;
  /** Notes that these signers were just emailed about the request: their next reminder is a full period away. */
  markEmailed(requestId: string, accountIds: string[]): Promise<void>;
  /** Signers due a reminder at `now`, in every organization, oldest request first, from just after `after`. */
  dueReminders(now: Date, limit: number, after?: ReminderCursor): Promise<DueReminder[]>;
  /**
   * Takes the reminder of one signer at `now` if it is still due (checked again on the locked row): of sweeps racing
   * on any number of instances exactly one gets true, and the others false until the next period.
   */
  claimReminder(organizationId: string, requestId: string, accountId: string, now: Date): Promise<boolean>;
  /** Closes an open request: completed, declined or voided. False when it was not open any more. */
  close(requestId: string, status: 'completed' | 'declined' | 'voided', extra?: { voidReasonSealed?: string; completedFileId?: string }): Promise<boolean>;
}

function toRequest(row: Record<string, unknown>): StoredSignatureRequest {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    messageId: row.message_id as string,
    fileId: row.file_id as string,
    requesterId: row.requester_id as string,
    signingOrder: row.signing_order as SigningOrder,
    status: row.status as RequestStatus,
    dataKeyId: row.data_key_id as string,
    dataKey: row.data_key as string,
    expiresAt: (row.expires_at as Date | null) ?? null,
    createdAt: row.created_at as Date,
    closedAt: (row.closed_at as Date | null) ?? null,
    voidReasonSealed: (row.void_reason_sealed as string | null) ?? null,
    completedFileId: (row.completed_file_id as string | null) ?? null,
  };
}

/**
 * Whether signer `s` of request `r` (organization `o`, message `m`) is due a reminder at $1: the request open and
 * neither it nor its message expired or recalled, reminders on, its requester still an active member (nobody is
 * reminded in the name of someone removed), the signer undecided and still a member, their turn
 * (in order: everyone before them signed), and the last email to them about it a full period old.
 */
const REMINDER_DUE = `r.status = 'open' AND (r.expires_at IS NULL OR r.expires_at > $1)
  AND m.recalled_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > $1)
  AND o.signature_reminder_days > 0
  AND s.status IN ('sent', 'viewed')
  AND EXISTS (SELECT 1 FROM memberships mr WHERE mr.organization_id = r.organization_id AND mr.account_id = r.requester_id AND mr.status = 'active')
  AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.organization_id = r.organization_id AND ms.account_id = s.account_id AND ms.status IN ('active', 'invited'))
  AND (r.signing_order = 'parallel' OR NOT EXISTS (
    SELECT 1 FROM signature_signers b WHERE b.request_id = r.id AND b.position < s.position AND b.status <> 'signed'))
  AND coalesce(s.last_emailed_at, r.created_at) <= $1::timestamptz - make_interval(days => o.signature_reminder_days)`;

/** Requests one message's answer lists: far more than anyone asks on one message, and a bound on the work. */
export const MESSAGE_REQUESTS_SHOWN = 50;

const REQUEST_COLUMNS = `id, organization_id, message_id, file_id, requester_id, signing_order, status, data_key_id, data_key,
  expires_at, created_at, closed_at, void_reason_sealed, completed_file_id`;

export function signatureRepository(q: Queryable): SignatureRepository {
  return {
    async create(request, signers, fields) {
      await q.query(
        `INSERT INTO signature_requests (id, organization_id, message_id, file_id, requester_id, signing_order, data_key_id, data_key, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [request.id, request.organizationId, request.messageId, request.fileId, request.requesterId, request.signingOrder,
          request.dataKeyId, request.dataKey, request.expiresAt],
      );
      await q.query(
        `INSERT INTO signature_signers (request_id, account_id, position)
         SELECT $1, s.account_id, s.position FROM unnest($2::uuid[], $3::int[]) AS s(account_id, position)`,
        [request.id, signers.map((s) => s.accountId), signers.map((s) => s.position)],
      );
      await q.query(
        `INSERT INTO signature_fields (id, request_id, signer_id, position, kind, page, x, y, width, height, required)
         SELECT f.id, $1, f.signer_id, f.position, f.kind, f.page, f.x, f.y, f.width, f.height, f.required
         FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::boolean[])
           AS f(id, signer_id, position, kind, page, x, y, width, height, required)`,
        [request.id, fields.map((f) => f.id), fields.map((f) => f.signerId), fields.map((f) => f.position), fields.map((f) => f.kind),
          fields.map((f) => f.page), fields.map((f) => f.x), fields.map((f) => f.y), fields.map((f) => f.width), fields.map((f) => f.height),
          fields.map((f) => f.required)],
      );
    },
    async findById(organizationId, id) {
      const rows = await q.query(`SELECT ${REQUEST_COLUMNS} FROM signature_requests WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
      return rows[0] ? toRequest(rows[0]) : null;
    },
    async findForUpdate(organizationId, id) {
      const rows = await q.query(`SELECT ${REQUEST_COLUMNS} FROM signature_requests WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, id]);
      return rows[0] ? toRequest(rows[0]) : null;
    },
    async forMessage(organizationId, messageId) {
      const rows = await q.query(
        `SELECT ${REQUEST_COLUMNS} FROM signature_requests WHERE organization_id = $1 AND message_id = $2 ORDER BY created_at, id LIMIT $3`,
        [organizationId, messageId, MESSAGE_REQUESTS_SHOWN],
      );
      return rows.map(toRequest);
    },
    async openForMessage(organizationId, messageId) {
      const rows = await q.query(
        `SELECT ${REQUEST_COLUMNS} FROM signature_requests WHERE organization_id = $1 AND message_id = $2 AND status = 'open' ORDER BY created_at`,
        [organizationId, messageId],
      );
      return rows.map(toRequest);
    },
    async signers(requestId) {
      const rows = await q.query(
        `SELECT s.*, a.name, a.email FROM signature_signers s JOIN accounts a ON a.id = s.account_id WHERE s.request_id = $1 ORDER BY s.position`,
        [requestId],
      );
      return rows.map((row) => ({
        requestId: row.request_id as string,
        accountId: row.account_id as string,
        name: row.name as string,
        email: row.email as string,
        position: row.position as number,
        status: row.status as SignerStatus,
        viewedAt: (row.viewed_at as Date | null) ?? null,
        consentedAt: (row.consented_at as Date | null) ?? null,
        consentIp: (row.consent_ip as string | null) ?? null,
        consentUserAgent: (row.consent_user_agent as string | null) ?? null,
        signedAt: (row.signed_at as Date | null) ?? null,
        signIp: (row.sign_ip as string | null) ?? null,
        signUserAgent: (row.sign_user_agent as string | null) ?? null,
        declinedAt: (row.declined_at as Date | null) ?? null,
        declineReasonSealed: (row.decline_reason_sealed as string | null) ?? null,
      }));
    },
    async fields(requestId) {
      const rows = await q.query(`SELECT * FROM signature_fields WHERE request_id = $1 ORDER BY position`, [requestId]);
      return rows.map((row) => ({
        id: row.id as string,
        requestId: row.request_id as string,
        signerId: row.signer_id as string,
        position: row.position as number,
        kind: row.kind as SignatureFieldKind,
        page: row.page as number,
        x: row.x as number,
        y: row.y as number,
        width: row.width as number,
        height: row.height as number,
        required: row.required as boolean,
        valueSealed: (row.value_sealed as string | null) ?? null,
      }));
    },
    async events(requestId) {
      const rows = await q.query(
        `SELECT e.account_id, a.name, a.email, e.action, e.at, e.ip, e.user_agent
         FROM signature_events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.request_id = $1 ORDER BY e.id`,
        [requestId],
      );
      return rows.map((row) => ({
        accountId: (row.account_id as string | null) ?? null,
        name: (row.name as string | null) ?? null,
        email: (row.email as string | null) ?? null,
        action: row.action as string,
        at: row.at as Date,
        ip: (row.ip as string | null) ?? null,
        userAgent: (row.user_agent as string | null) ?? null,
      }));
    },
    async addEvent(requestId, event) {
      await q.query(`INSERT INTO signature_events (request_id, account_id, action, ip, user_agent) VALUES ($1, $2, $3, $4, $5)`,
        [requestId, event.accountId, event.action, event.ip, event.userAgent]);
    },
    async markViewed(requestId, accountId) {
      await q.query(
        `UPDATE signature_signers SET viewed_at = coalesce(viewed_at, now()), status = CASE WHEN status = 'sent' THEN 'viewed' ELSE status END
         WHERE request_id = $1 AND account_id = $2`,
        [requestId, accountId],
      );
    },
    async recordConsent(requestId, accountId, client) {
      await q.query(
        `UPDATE signature_signers SET consented_at = now(), consent_ip = $3, consent_user_agent = $4,
           viewed_at = coalesce(viewed_at, now()), status = CASE WHEN status = 'sent' THEN 'viewed' ELSE status END
         WHERE request_id = $1 AND account_id = $2`,
        [requestId, accountId, client.ip, client.userAgent],
      );
    },
    async recordSigned(requestId, accountId, client, values) {
      await q.query(
        `UPDATE signature_signers SET status = 'signed', signed_at = now(), sign_ip = $3, sign_user_agent = $4 WHERE request_id = $1 AND account_id = $2`,
        [requestId, accountId, client.ip, client.userAgent],
      );
      if (!values.length) return;
      await q.query(
        `UPDATE signature_fields f SET value_sealed = v.value FROM unnest($2::uuid[], $3::text[]) AS v(id, value)
         WHERE f.request_id = $1 AND f.signer_id = $4 AND f.id = v.id`,
        [requestId, values.map((v) => v.fieldId), values.map((v) => v.valueSealed), accountId],
      );
    },
    async recordDeclined(requestId, accountId, reasonSealed) {
      await q.query(
        `UPDATE signature_signers SET status = 'declined', declined_at = now(), decline_reason_sealed = $3 WHERE request_id = $1 AND account_id = $2`,
        [requestId, accountId, reasonSealed],
      );
    },
    async consentText(organizationId) {
      const rows = await q.query<{ signature_consent_text: string | null }>('SELECT signature_consent_text FROM organizations WHERE id = $1', [organizationId]);
      return rows[0]?.signature_consent_text ?? null;
    },
    async setConsentText(organizationId, text) {
      await q.query('UPDATE organizations SET signature_consent_text = $2 WHERE id = $1', [organizationId, text]);
    },
    async reminderDays(organizationId) {
      const rows = await q.query<{ days: number }>('SELECT signature_reminder_days AS days FROM organizations WHERE id = $1', [organizationId]);
      return rows[0]?.days ?? 0;
    },
    async setReminderDays(organizationId, days) {
      await q.query('UPDATE organizations SET signature_reminder_days = $2 WHERE id = $1', [organizationId, days]);
    },
    async markEmailed(requestId, accountIds) {
      await q.query('UPDATE signature_signers SET last_emailed_at = now() WHERE request_id = $1 AND account_id = ANY($2::uuid[])', [requestId, accountIds]);
    },
    async dueReminders(now, limit, after) {
      const rows = await q.query(
        `SELECT r.organization_id, r.id AS request_id, r.requester_id, s.account_id, s.position, a.name, a.email
         FROM signature_requests r
         JOIN organizations o ON o.id = r.organization_id
         JOIN messages m ON m.id = r.message_id AND m.organization_id = r.organization_id
         JOIN signature_signers s ON s.request_id = r.id
         JOIN accounts a ON a.id = s.account_id
         WHERE ${REMINDER_DUE}
           AND ($3::uuid IS NULL OR (r.created_at, r.id, s.position) > ((SELECT c.created_at FROM signature_requests c WHERE c.id = $3::uuid), $3::uuid, $4::int))
         ORDER BY r.created_at, r.id, s.position LIMIT $2`,
        [now, limit, after?.requestId ?? null, after?.position ?? null],
      );
      return rows.map((row) => ({
        organizationId: row.organization_id as string,
        requestId: row.request_id as string,
        requesterId: row.requester_id as string,
        accountId: row.account_id as string,
        name: row.name as string,
        email: row.email as string,
        cursor: { requestId: row.request_id as string, position: row.position as number },
      }));
    },
    async claimReminder(organizationId, requestId, accountId, now) {
      // the UPDATE waits for a racing claim's row lock, then checks REMINDER_DUE against what that claim wrote
      const rows = await q.query(
        `UPDATE signature_signers s SET last_emailed_at = $1
         FROM signature_requests r, organizations o, messages m
         WHERE s.request_id = $3 AND s.account_id = $4 AND r.id = s.request_id AND r.organization_id = $2
           AND o.id = r.organization_id AND m.id = r.message_id AND m.organization_id = r.organization_id
           AND ${REMINDER_DUE}
         RETURNING s.account_id`,
        [now, organizationId, requestId, accountId],
      );
      return rows.length === 1;
    },
    async close(requestId, status, extra = {}) {
      const rows = await q.query(
        `UPDATE signature_requests SET status = $2, closed_at = now(), void_reason_sealed = coalesce($3, void_reason_sealed),
           completed_file_id = coalesce($4, completed_file_id)
         WHERE id = $1 AND status = 'open' RETURNING id`,
        [requestId, status, extra.voidReasonSealed ?? null, extra.completedFileId ?? null],
      );
      return rows.length === 1;
    },
  };
}
