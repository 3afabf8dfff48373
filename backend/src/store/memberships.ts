/** Who belongs to which organization, as what (pro/guest), with which roles and status. */
import type { Queryable } from './db';
import { countMembers, queryMemberPage, type MemberFilter, type MemberListing, type MemberPageQuery } from './memberQuery';
import type { Membership, MembershipStatus, MembershipType, MembershipWithOrganization } from './types';

export interface MembershipRepository {
  create(input: {
    organizationId: string;
    accountId: string;
    type: MembershipType;
    status: MembershipStatus;
    isAdmin?: boolean;
    isUserManager?: boolean;
  }): Promise<Membership>;
  find(organizationId: string, accountId: string): Promise<Membership | null>;
  /** Every membership of an account, newest sign-in first, with the organization's name. */
  listForAccount(accountId: string): Promise<MembershipWithOrganization[]>;
  setStatus(organizationId: string, accountId: string, status: MembershipStatus): Promise<void>;
  /**
   * A removed member invited again: the row starts over as a new invited membership (no roles, joined now). The
   * primary key is (organization, account), so a returning person reuses the row; nothing of the old one carries over.
   */
  renewRemoved(organizationId: string, accountId: string, type: MembershipType): Promise<boolean>;
  recordLogin(organizationId: string, accountId: string): Promise<void>;
  setType(organizationId: string, accountId: string, type: MembershipType): Promise<void>;
  setRoles(organizationId: string, accountId: string, roles: { isAdmin?: boolean; isUserManager?: boolean }): Promise<void>;
  /** Moves a not-yet-registered membership to another account (an invited person's address was corrected). */
  moveToAccount(organizationId: string, fromAccountId: string, toAccountId: string): Promise<void>;
  /** Deletes a membership that never became active (its invitation was withdrawn). */
  deleteInvited(organizationId: string, accountId: string): Promise<void>;
  /** Active admins, read under a lock on the organization row so two demotions cannot both pass. */
  countActiveAdminsLocked(organizationId: string): Promise<number>;
  /** Pros holding a seat: active and invited. */
  countSeatsUsed(organizationId: string): Promise<number>;
  /** Members in name order (default) or as asked: search, filters, keyset cursor; see memberQuery.ts. */
  listMembers(organizationId: string, options?: MemberPageQuery): Promise<MemberListing[]>;
  /** Members matching the filter; with `cap`, counting stops there. */
  countMembers(organizationId: string, filter?: MemberFilter, cap?: number): Promise<number>;
}

export type { MemberListing } from './memberQuery';

const COLUMN_NAMES = ['organization_id', 'account_id', 'type', 'is_admin', 'is_user_manager', 'status', 'created_at', 'last_login_at'] as const;
type ColumnName = (typeof COLUMN_NAMES)[number];

export const MEMBERSHIP_COLUMNS = COLUMN_NAMES.map((c) => `m.${c}`).join(', ');
// The prefixed column names are made once per prefix, not once per row (member pages map thousands of rows).
const namesByPrefix = new Map<string, Record<ColumnName, string>>();
function columnNames(prefix: string): Record<ColumnName, string> {
  let names = namesByPrefix.get(prefix);
  if (!names) {
    names = Object.fromEntries(COLUMN_NAMES.map((c) => [c, `${prefix}${c}`])) as Record<ColumnName, string>;
    namesByPrefix.set(prefix, names);
  }
  return names;
}

export function toMembership(row: Record<string, unknown>, prefix = ''): Membership {
  const c = columnNames(prefix);
  return {
    organizationId: row[c.organization_id] as string,
    accountId: row[c.account_id] as string,
    type: row[c.type] as MembershipType,
    isAdmin: row[c.is_admin] as boolean,
    isUserManager: row[c.is_user_manager] as boolean,
    status: row[c.status] as MembershipStatus,
    createdAt: row[c.created_at] as Date,
    lastLoginAt: (row[c.last_login_at] as Date | null) ?? null,
  };
}

export function membershipRepository(q: Queryable): MembershipRepository {
  return {
    async create(input) {
      const rows = await q.query(
        `INSERT INTO memberships AS m (organization_id, account_id, type, status, is_admin, is_user_manager)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${MEMBERSHIP_COLUMNS}`,
        [input.organizationId, input.accountId, input.type, input.status, input.isAdmin ?? false, input.isUserManager ?? false],
      );
      return toMembership(rows[0]!);
    },
    async find(organizationId, accountId) {
      const rows = await q.query(
        `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships m WHERE m.organization_id = $1 AND m.account_id = $2`,
        [organizationId, accountId],
      );
      return rows[0] ? toMembership(rows[0]) : null;
    },
    async listForAccount(accountId) {
      const rows = await q.query(
        `SELECT ${MEMBERSHIP_COLUMNS}, o.name AS organization_name FROM memberships m
         JOIN organizations o ON o.id = m.organization_id
         WHERE m.account_id = $1
         ORDER BY m.last_login_at DESC NULLS LAST, m.created_at ASC`,
        [accountId],
      );
      return rows.map((row) => ({ ...toMembership(row), organizationName: row.organization_name as string }));
    },
    async setStatus(organizationId, accountId, status) {
      await q.query(
        'UPDATE memberships SET status = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2',
        [organizationId, accountId, status],
      );
    },
    async renewRemoved(organizationId, accountId, type) {
      const rows = await q.query(
        `UPDATE memberships SET status = 'invited', type = $3, is_admin = false, is_user_manager = false, created_at = now(),
           updated_at = now(), last_login_at = NULL
         WHERE organization_id = $1 AND account_id = $2 AND status = 'removed' RETURNING account_id`,
        [organizationId, accountId, type],
      );
      return rows.length === 1;
    },
    async setType(organizationId, accountId, type) {
      await q.query('UPDATE memberships SET type = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2', [
        organizationId,
        accountId,
        type,
      ]);
    },
    async setRoles(organizationId, accountId, roles) {
      await q.query(
        `UPDATE memberships SET is_admin = COALESCE($3, is_admin), is_user_manager = COALESCE($4, is_user_manager), updated_at = now()
         WHERE organization_id = $1 AND account_id = $2`,
        [organizationId, accountId, roles.isAdmin ?? null, roles.isUserManager ?? null],
      );
    },
    async moveToAccount(organizationId, fromAccountId, toAccountId) {
      await q.query(
        `UPDATE memberships SET account_id = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2 AND status = 'invited'`,
        [organizationId, fromAccountId, toAccountId],
      );
    },
    async deleteInvited(organizationId, accountId) {
      await q.query("DELETE FROM memberships WHERE organization_id = $1 AND account_id = $2 AND status = 'invited'", [
        organizationId,
        accountId,
      ]);
    },
    async countActiveAdminsLocked(organizationId) {
      // the same lock as organizations.findForUpdate, so the two exclude each other (see there)
      await q.query('SELECT id FROM organizations WHERE id = $1 FOR NO KEY UPDATE', [organizationId]);
      const rows = await q.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND is_admin AND status = 'active'",
        [organizationId],
      );
      return rows[0]!.n;
    },
    async countSeatsUsed(organizationId) {
      const rows = await q.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND type = 'pro' AND status IN ('active', 'invited')",
        [organizationId],
      );
      return rows[0]!.n;
    },
    listMembers(organizationId, options = {}) {
      return queryMemberPage(q, organizationId, options, MEMBERSHIP_COLUMNS, (row) => toMembership(row));
    },
    countMembers(organizationId, filter = {}, cap) {
      return countMembers(q, organizationId, filter, cap);
    },
    async recordLogin(organizationId, accountId) {
      await q.query('UPDATE memberships SET last_login_at = now() WHERE organization_id = $1 AND account_id = $2', [
        organizationId,
        accountId,
      ]);
    },
  };
}
