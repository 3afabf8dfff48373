/**
 * The admin page's member list as SQL: prefix search on name, surname and email, filters, and keyset pages in one
 * of four orders. Every order walks an index of migration 004 from the cursor, so a page costs the same on the
 * first page as deep inside an organization of 100,000 members.
 */
import type { Queryable } from './db';
import type { Membership, MembershipType } from './types';

export type MemberSort = 'name' | 'email' | 'joined' | 'lastLogin';
/** What a person is in the organization: the membership status, refined by registration and 2-step enrollment. */
export type MemberState = 'invited' | 'registered' | 'verified' | 'removed' | 'blocked';
export type MemberRoleFilter = 'admin' | 'user_manager' | 'none';

export interface MemberFilter {
  /** Prefix of the name, of its last word, or of the email; case does not matter. */
  search?: string;
  type?: MembershipType;
  role?: MemberRoleFilter;
  state?: MemberState;
  /** One member (the detail view). */
  accountId?: string;
}

export interface MemberPageQuery extends MemberFilter {
  sort?: MemberSort;
  direction?: 'asc' | 'desc';
  /** The sort key and account id of the last row of the previous page. */
  after?: { key: string; accountId: string };
  limit?: number;
}

export interface MemberListing extends Membership {
  email: string;
  name: string;
  phone: string | null;
  registered: boolean;
  twoStepVerified: boolean;
  accountBlocked: boolean;
  state: MemberState;
  /** The pending invitation, for resend and corrections. */
  pendingInvitation: { id: string; invitedBy: string | null } | null;
  /** This row's position in the requested order, for the next page's cursor. */
  sortKey: string;
}

/**
 * Each order's key: the indexed expression (004 has an index on organization_id, it, account_id), the key as the
 * cursor carries it, and the cursor value turned back into the expression's type. Times travel as whole
 * microseconds since 1970 (exact, unlike milliseconds); "never signed in" sorts as 1970 itself.
 */
const timeKey = (expr: string) => ({
  expr,
  select: `((extract(epoch FROM ${expr}) * 1000000)::bigint)::text`,
  value: (p: string) => `'epoch'::timestamptz + ${p}::bigint * interval '1 microsecond'`,
});
const textKey = (expr: string) => ({ expr, select: expr, value: (p: string) => `${p}::text` });

const SORT_KEYS: Record<MemberSort, { expr: string; select: string; value: (param: string) => string }> = {
  name: textKey('m.sort_name'),
  email: textKey('m.sort_email'),
  joined: timeKey('m.created_at'),
  lastLogin: timeKey("COALESCE(m.last_login_at, 'epoch'::timestamptz)"),
};

/** What a time key in a cursor may look like: anything else is refused before it reaches SQL. */
export const TIME_KEY = /^-?\d{1,16}$/;

/** The state as SQL, agreeing with `stateOf`. */
const STATE_SQL: Record<MemberState, string> = {
  removed: "m.status = 'removed'",
  blocked: "m.status = 'blocked' OR (m.status = 'active' AND a.blocked_at IS NOT NULL)",
  invited: "m.status = 'invited'",
  registered: "m.status = 'active' AND a.blocked_at IS NULL AND t.enabled_at IS NULL",
  verified: "m.status = 'active' AND a.blocked_at IS NULL AND t.enabled_at IS NOT NULL",
};

export function stateOf(m: { status: Membership['status']; accountBlocked: boolean; twoStepVerified: boolean }): MemberState {
  if (m.status === 'removed') return 'removed';
  // The platform's block of an account shows only on those who joined: an invitation tells nobody about the account.
  if (m.status === 'blocked' || (m.status === 'active' && m.accountBlocked)) return 'blocked';
  if (m.status === 'invited') return 'invited';
  return m.twoStepVerified ? 'verified' : 'registered';
}

/** LIKE pattern for "starts with", with the user's % _ and \ taken literally. */
export function prefixPattern(search: string): string {
  return `${search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const FROM = `FROM memberships m JOIN accounts a ON a.id = m.account_id
  LEFT JOIN two_step_secrets t ON t.account_id = m.account_id`;

function whereClause(organizationId: string, filter: MemberFilter, params: unknown[]): string {
  params.push(organizationId);
  const where = ['m.organization_id = $1'];
  const search = filter.search?.trim();
  if (search) {
    params.push(prefixPattern(search));
    const p = `$${params.length}`;
    // An address is searched as an address; anything else by name, surname or address.
    where.push(search.includes('@') ? `m.sort_email LIKE ${p}` : `(m.sort_name LIKE ${p} OR m.sort_surname LIKE ${p} OR m.sort_email LIKE ${p})`);
  }
  if (filter.type) {
    params.push(filter.type);
    where.push(`m.type = $${params.length}`);
  }
  if (filter.role === 'admin') where.push('m.is_admin');
  if (filter.role === 'user_manager') where.push('m.is_user_manager');
  if (filter.role === 'none') where.push('NOT m.is_admin AND NOT m.is_user_manager');
  if (filter.state) where.push(STATE_SQL[filter.state]);
  if (filter.accountId) {
    params.push(filter.accountId);
    where.push(`m.account_id = $${params.length}::uuid`);
  }
  return where.join(' AND ');
}

function toListing(row: Record<string, unknown>, toMembership: (row: Record<string, unknown>) => Membership): MemberListing {
  const m = toMembership(row);
  const accountBlocked = row.account_blocked as boolean;
  const twoStepVerified = row.two_step_verified as boolean;
  // Field by field, not `...m`: a spread followed by more fields took V8 ~12 µs a row, most of a page's time.
  return {
    organizationId: m.organizationId,
    accountId: m.accountId,
    type: m.type,
    isAdmin: m.isAdmin,
    isUserManager: m.isUserManager,
    status: m.status,
    createdAt: m.createdAt,
    lastLoginAt: m.lastLoginAt,
    email: row.email as string,
    name: row.name as string,
    phone: (row.phone as string | null) ?? null,
    registered: row.registered as boolean,
    twoStepVerified,
    accountBlocked,
    state: stateOf({ status: m.status, accountBlocked, twoStepVerified }),
    pendingInvitation: row.invitation_id ? { id: row.invitation_id as string, invitedBy: (row.invited_by as string | null) ?? null } : null,
    sortKey: row.sort_key as string,
  };
}

export const MAX_PAGE = 1000;

/**
 * Someone only invited has not joined: the organization sees the name and phone its invitation gave, never the
 * account's own, nor its password, 2-step or block, which other organizations or the person set. The name follows
 * sealpost_member_name (migration 007), which the sort keys use, so the list sorts and searches by what it shows.
 */
const INVITED_SEES_ONLY_THE_INVITATION = `
  CASE WHEN m.status = 'invited' THEN COALESCE(NULLIF(btrim(i.name), ''), split_part(a.email, '@', 1)) ELSE a.name END AS name,
  CASE WHEN m.status = 'invited' THEN i.phone ELSE a.phone END AS phone,
  (m.status <> 'invited' AND a.password_hash IS NOT NULL) AS registered,
  (m.status <> 'invited' AND a.blocked_at IS NOT NULL) AS account_blocked,
  (m.status <> 'invited' AND t.enabled_at IS NOT NULL) AS two_step_verified`;

/** One page in the requested order, plus one extra row when there are more (the caller trims it). */
export async function queryMemberPage(
  q: Queryable,
  organizationId: string,
  query: MemberPageQuery,
  columns: string,
  toMembership: (row: Record<string, unknown>) => Membership,
): Promise<MemberListing[]> {
  const params: unknown[] = [];
  const where = [whereClause(organizationId, query, params)];
  const key = SORT_KEYS[query.sort ?? 'name'];
  const desc = query.direction === 'desc';
  if (query.after) {
    params.push(query.after.key, query.after.accountId);
    where.push(`(${key.expr}, m.account_id) ${desc ? '<' : '>'} (${key.value(`$${params.length - 1}`)}, $${params.length}::uuid)`);
  }
  params.push(Math.min(Math.max(query.limit ?? 500, 1), MAX_PAGE));
  const dir = desc ? 'DESC' : 'ASC';
  const rows = await q.query(
    `SELECT ${columns}, a.email, ${INVITED_SEES_ONLY_THE_INVITATION},
            ${key.select} AS sort_key, i.id AS invitation_id, i.invited_by
     ${FROM}
     LEFT JOIN invitations i ON i.organization_id = m.organization_id AND i.account_id = m.account_id AND i.status = 'pending'
     WHERE ${where.join(' AND ')}
     ORDER BY ${key.expr} ${dir}, m.account_id ${dir}
     LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => toListing(row, toMembership));
}

/**
 * How many match, counting no further than `cap` (counting 100,000 rows costs more than a page of them). Only a
 * state filter reads the account and 2-step columns; without one the count walks memberships alone, which gives the
 * same number (every membership has exactly one account and at most one 2-step secret) at a fraction of the cost.
 */
export async function countMembers(q: Queryable, organizationId: string, filter: MemberFilter, cap?: number): Promise<number> {
  const params: unknown[] = [];
  const where = whereClause(organizationId, filter, params);
  const from = filter.state ? FROM : 'FROM memberships m';
  const sql = cap === undefined
    ? `SELECT count(*)::int AS n ${from} WHERE ${where}`
    : `SELECT count(*)::int AS n FROM (SELECT 1 ${from} WHERE ${where} LIMIT ${Math.floor(cap)}) capped`;
  const rows = await q.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}
