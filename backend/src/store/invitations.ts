/** Invitations of people to organizations; the live link's token is kept as a SHA-256 hash only. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import type { MembershipType } from './types';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface Invitation {
  id: string;
  organizationId: string;
  accountId: string;
  email: string;
  name: string | null;
  phone: string | null;
  type: MembershipType;
  invitedBy: string | null;
  expiresAt: Date;
  status: InvitationStatus;
  sendCount: number;
  firstSentAt: Date;
  lastSentAt: Date;
  acceptedAt: Date | null;
}

/** An invitation with what the lists show: who invited, and how far the person got. */
export interface InvitationListing extends Invitation {
  inviterName: string | null;
  /** The person has a password (registered here or elsewhere). */
  registered: boolean;
  /** The person completed 2-step verification enrollment. */
  twoStepVerified: boolean;
}

/** What the registration page needs, found by the link's token. */
export interface InvitationByToken extends Invitation {
  organizationName: string;
  inviterName: string | null;
  hasPassword: boolean;
  requireTwoStep: boolean;
}

export interface InvitationRepository {
  create(input: {
    organizationId: string;
    accountId: string;
    email: string;
    name: string | null;
    phone: string | null;
    type: MembershipType;
    invitedBy: string | null;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<Invitation>;
  find(organizationId: string, id: string): Promise<Invitation | null>;
  findPendingForAccount(organizationId: string, accountId: string): Promise<Invitation | null>;
  /** A pending, unexpired invitation whose live link has this token hash. */
  findUsableByTokenHash(tokenHash: string): Promise<InvitationByToken | null>;
  list(organizationId: string, options?: { invitedBy?: string; limit?: number }): Promise<InvitationListing[]>;
  /** A new link (resend or changed address): the old token stops working, the count goes up. */
  replaceLink(organizationId: string, id: string, input: { tokenHash: string; expiresAt: Date; email?: string; accountId?: string }): Promise<void>;
  updateDetails(organizationId: string, id: string, input: { name?: string | null; phone?: string | null }): Promise<void>;
  accept(id: string): Promise<boolean>;
  revoke(organizationId: string, id: string): Promise<void>;
  revokePendingForAccount(organizationId: string, accountId: string): Promise<number>;
}

const COLUMNS = `i.id, i.organization_id, i.account_id, i.email, i.name, i.phone, i.type, i.invited_by, i.expires_at,
  i.status, i.send_count, i.first_sent_at, i.last_sent_at, i.accepted_at`;

function toInvitation(row: Record<string, unknown>): Invitation {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    accountId: row.account_id as string,
    email: row.email as string,
    name: (row.name as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    type: row.type as MembershipType,
    invitedBy: (row.invited_by as string | null) ?? null,
    expiresAt: row.expires_at as Date,
    status: row.status as InvitationStatus,
    sendCount: row.send_count as number,
    firstSentAt: row.first_sent_at as Date,
    lastSentAt: row.last_sent_at as Date,
    acceptedAt: (row.accepted_at as Date | null) ?? null,
  };
}

export function invitationRepository(q: Queryable): InvitationRepository {
  return {
    async create(input) {
      const rows = await q.query(
        `INSERT INTO invitations AS i (id, organization_id, account_id, email, name, phone, type, invited_by, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [randomUUID(), input.organizationId, input.accountId, input.email, input.name, input.phone, input.type,
          input.invitedBy, input.tokenHash, input.expiresAt],
      );
      return toInvitation(rows[0]!);
    },
    async find(organizationId, id) {
      const rows = await q.query(`SELECT ${COLUMNS} FROM invitations i WHERE i.organization_id = $1 AND i.id = $2`, [organizationId, id]);
      return rows[0] ? toInvitation(rows[0]) : null;
    },
    async findPendingForAccount(organizationId, accountId) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM invitations i WHERE i.organization_id = $1 AND i.account_id = $2 AND i.status = 'pending'`,
        [organizationId, accountId],
      );
      return rows[0] ? toInvitation(rows[0]) : null;
    },
    async findUsableByTokenHash(tokenHash) {
      const rows = await q.query(
        `SELECT ${COLUMNS}, o.name AS organization_name, o.require_two_step, inviter.name AS inviter_name,
                (a.password_hash IS NOT NULL) AS has_password
         FROM invitations i
         JOIN organizations o ON o.id = i.organization_id
         JOIN accounts a ON a.id = i.account_id
         LEFT JOIN accounts inviter ON inviter.id = i.invited_by
         WHERE i.token_hash = $1 AND i.status = 'pending' AND i.expires_at > now()`,
        [tokenHash],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        ...toInvitation(row),
        organizationName: row.organization_name as string,
        inviterName: (row.inviter_name as string | null) ?? null,
        hasPassword: row.has_password as boolean,
        requireTwoStep: row.require_two_step as boolean,
      };
    },
    async list(organizationId, options = {}) {
      const rows = await q.query(
        `SELECT ${COLUMNS}, inviter.name AS inviter_name, (a.password_hash IS NOT NULL) AS registered,
                (t.enabled_at IS NOT NULL) AS two_step_verified
         FROM invitations i
         JOIN accounts a ON a.id = i.account_id
         LEFT JOIN accounts inviter ON inviter.id = i.invited_by
         LEFT JOIN two_step_secrets t ON t.account_id = i.account_id
         WHERE i.organization_id = $1 AND ($2::uuid IS NULL OR i.invited_by = $2::uuid)
         ORDER BY i.created_at DESC LIMIT $3`,
        [organizationId, options.invitedBy ?? null, Math.min(options.limit ?? 200, 1000)],
      );
      return rows.map((row) => ({
        ...toInvitation(row),
        inviterName: (row.inviter_name as string | null) ?? null,
        registered: row.registered as boolean,
        twoStepVerified: row.two_step_verified as boolean,
      }));
    },
    async replaceLink(organizationId, id, input) {
      await q.query(
        `UPDATE invitations SET token_hash = $3, expires_at = $4, email = COALESCE($5, email), account_id = COALESCE($6::uuid, account_id),
           send_count = send_count + 1, last_sent_at = now()
         WHERE organization_id = $1 AND id = $2 AND status = 'pending'`,
        [organizationId, id, input.tokenHash, input.expiresAt, input.email ?? null, input.accountId ?? null],
      );
    },
    async updateDetails(organizationId, id, input) {
      await q.query(
        `UPDATE invitations SET
           name = CASE WHEN $3::boolean THEN $4 ELSE name END,
           phone = CASE WHEN $5::boolean THEN $6 ELSE phone END
         WHERE organization_id = $1 AND id = $2`,
        [organizationId, id, input.name !== undefined, input.name ?? null, input.phone !== undefined, input.phone ?? null],
      );
    },
    async accept(id) {
      const rows = await q.query(
        `UPDATE invitations SET status = 'accepted', token_hash = NULL, accepted_at = now()
         WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id],
      );
      return rows.length === 1;
    },
    async revoke(organizationId, id) {
      await q.query(
        `UPDATE invitations SET status = 'revoked', token_hash = NULL WHERE organization_id = $1 AND id = $2 AND status = 'pending'`,
        [organizationId, id],
      );
    },
    async revokePendingForAccount(organizationId, accountId) {
      const rows = await q.query(
        `UPDATE invitations SET status = 'revoked', token_hash = NULL
         WHERE organization_id = $1 AND account_id = $2 AND status = 'pending' RETURNING id`,
        [organizationId, accountId],
      );
      return rows.length;
    },
  };
}
