/**
 * The organization's members as a SCIM directory sees them (memberships with their accounts and what the directory
 * told us: externalId, name parts), found by id, listed by userName or externalId a page at a time, and the
 * directory's facts kept per organization in scim_identities.
 */
import type { Queryable } from './db';
import type { MembershipStatus, MembershipType } from './types';

export interface ScimUserRow {
  accountId: string;
  email: string;
  name: string;
  type: MembershipType;
  status: MembershipStatus;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScimUserQuery {
  userName?: string;
  externalId?: string;
  /** 0-based. */
  offset: number;
  limit: number;
}

export interface ScimIdentity {
  externalId?: string | null;
  givenName?: string | null;
  familyName?: string | null;
}

export interface ScimUserRepository {
  find(organizationId: string, accountId: string): Promise<ScimUserRow | null>;
  list(organizationId: string, query: ScimUserQuery): Promise<{ total: number; rows: ScimUserRow[] }>;
  /** Keeps what the directory said; a field left undefined keeps its stored value. */
  saveIdentity(organizationId: string, accountId: string, identity: ScimIdentity): Promise<void>;
}

const FROM = `
    FROM memberships m
    JOIN accounts a ON a.id = m.account_id
    LEFT JOIN scim_identities s ON s.organization_id = m.organization_id AND s.account_id = m.account_id`;
const COLUMNS = `a.id, a.email, a.name, m.type, m.status, s.external_id, s.given_name, s.family_name, m.created_at,
                 GREATEST(m.updated_at, a.updated_at, COALESCE(s.updated_at, m.updated_at)) AS updated_at`;

function toRow(row: Record<string, unknown>): ScimUserRow {
  return {
    accountId: row.id as string,
    email: row.email as string,
    name: row.name as string,
    type: row.type as MembershipType,
    status: row.status as MembershipStatus,
    externalId: (row.external_id as string | null) ?? null,
    givenName: (row.given_name as string | null) ?? null,
    familyName: (row.family_name as string | null) ?? null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

export function scimUserRepository(q: Queryable): ScimUserRepository {
  return {
    async find(organizationId, accountId) {
      const rows = await q.query(`SELECT ${COLUMNS} ${FROM} WHERE m.organization_id = $1 AND m.account_id = $2`, [organizationId, accountId]);
      return rows[0] ? toRow(rows[0]) : null;
    },
    async list(organizationId, query) {
      const where = `WHERE m.organization_id = $1 AND ($2::text IS NULL OR a.email = $2) AND ($3::text IS NULL OR s.external_id = $3)`;
      const params = [organizationId, query.userName ?? null, query.externalId ?? null];
      const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} ${where}`, params);
      const rows = await q.query(`SELECT ${COLUMNS} ${FROM} ${where} ORDER BY m.created_at, a.id OFFSET $4 LIMIT $5`, [
        ...params,
        query.offset,
        query.limit,
      ]);
      return { total: count?.n ?? 0, rows: rows.map(toRow) };
    },
    async saveIdentity(organizationId, accountId, identity) {
      await q.query(
        `INSERT INTO scim_identities AS s (organization_id, account_id, external_id, given_name, family_name)
         VALUES ($1, $2, $4, $6, $8)
         ON CONFLICT (organization_id, account_id) DO UPDATE SET
           external_id = CASE WHEN $3 THEN EXCLUDED.external_id ELSE s.external_id END,
           given_name  = CASE WHEN $5 THEN EXCLUDED.given_name ELSE s.given_name END,
           family_name = CASE WHEN $7 THEN EXCLUDED.family_name ELSE s.family_name END,
           updated_at  = now()`,
        [
          organizationId,
          accountId,
          identity.externalId !== undefined,
          identity.externalId ?? null,
          identity.givenName !== undefined,
          identity.givenName ?? null,
          identity.familyName !== undefined,
          identity.familyName ?? null,
        ],
      );
    },
  };
}
