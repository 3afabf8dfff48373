/**
 * Domains an organization claims, and which organization has proven each one with a DNS TXT record.
 * A domain may be claimed (pending) by several organizations, but verified by one at most: the partial unique
 * index `org_domains_verified_once` decides races, and this repository reports them as DomainTakenError.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { isUniqueViolation } from './uniqueConflict';

export interface OrgDomain {
  id: string;
  organizationId: string;
  /** ASCII (punycode) and lower-case; see domains/domainName.ts. */
  domain: string;
  verificationToken: string;
  createdBy: string | null;
  createdAt: Date;
  verifiedAt: Date | null;
}

/** Another organization verified this domain first. */
export class DomainTakenError extends Error {
  constructor() {
    super('the domain is already verified by another organization');
    this.name = 'DomainTakenError';
  }
}

export interface DomainRepository {
  /** Claims a domain; if the organization already claimed it, returns that claim untouched (`created: false`). */
  create(input: {
    organizationId: string;
    domain: string;
    verificationToken: string;
    createdBy: string | null;
  }): Promise<{ record: OrgDomain; created: boolean }>;
  findForOrganization(organizationId: string, id: string): Promise<OrgDomain | null>;
  /** The organization's claims, oldest first. */
  listForOrganization(organizationId: string): Promise<OrgDomain[]>;
  /**
   * Records that the claim was proven (keeps the first verified_at if it already was). Null when the claim is
   * not this organization's; throws DomainTakenError when another organization holds the domain verified.
   */
  markVerified(organizationId: string, id: string): Promise<OrgDomain | null>;
  /** Deletes the organization's claim; null when it has no such claim. */
  remove(organizationId: string, id: string): Promise<OrgDomain | null>;
  /** For each given domain that some organization has verified: domain → that organization's id. One query. */
  verifiedOwners(domains: string[]): Promise<Map<string, string>>;
}

const COLUMNS = 'd.id, d.organization_id, d.domain, d.verification_token, d.created_by, d.created_at, d.verified_at';

function toOrgDomain(row: Record<string, unknown>): OrgDomain {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    domain: row.domain as string,
    verificationToken: row.verification_token as string,
    createdBy: (row.created_by as string | null) ?? null,
    createdAt: row.created_at as Date,
    verifiedAt: (row.verified_at as Date | null) ?? null,
  };
}

export function domainRepository(q: Queryable): DomainRepository {
  const findForOrganization = async (organizationId: string, id: string) => {
    const rows = await q.query(`SELECT ${COLUMNS} FROM org_domains d WHERE d.id = $1 AND d.organization_id = $2`, [
      id,
      organizationId,
    ]);
    return rows[0] ? toOrgDomain(rows[0]) : null;
  };

  return {
    async create(input) {
      // ON CONFLICT DO NOTHING rather than catching the error: a failed statement would abort the caller's transaction.
      const inserted = await q.query(
        `INSERT INTO org_domains AS d (id, organization_id, domain, verification_token, created_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organization_id, domain) DO NOTHING RETURNING ${COLUMNS}`,
        [randomUUID(), input.organizationId, input.domain, input.verificationToken, input.createdBy],
      );
      if (inserted[0]) return { record: toOrgDomain(inserted[0]), created: true };
      const existing = await q.query(
        `SELECT ${COLUMNS} FROM org_domains d WHERE d.organization_id = $1 AND d.domain = $2`,
        [input.organizationId, input.domain],
      );
      return { record: toOrgDomain(existing[0]!), created: false };
    },
    findForOrganization,
    async listForOrganization(organizationId) {
      const rows = await q.query(
        `SELECT ${COLUMNS} FROM org_domains d WHERE d.organization_id = $1 ORDER BY d.created_at, d.domain`,
        [organizationId],
      );
      return rows.map(toOrgDomain);
    },
    async markVerified(organizationId, id) {
      try {
        const rows = await q.query(
          `UPDATE org_domains AS d SET verified_at = COALESCE(d.verified_at, now())
           WHERE d.id = $1 AND d.organization_id = $2 RETURNING ${COLUMNS}`,
          [id, organizationId],
        );
        return rows[0] ? toOrgDomain(rows[0]) : null;
      } catch (err) {
        // Nothing more may be asked in this transaction: PostgreSQL has aborted it.
        if (isUniqueViolation(err, 'org_domains_verified_once')) throw new DomainTakenError();
        throw err;
      }
    },
    async remove(organizationId, id) {
      const rows = await q.query(
        `DELETE FROM org_domains AS d WHERE d.id = $1 AND d.organization_id = $2 RETURNING ${COLUMNS}`,
        [id, organizationId],
      );
      return rows[0] ? toOrgDomain(rows[0]) : null;
    },
    async verifiedOwners(domains) {
      const owners = new Map<string, string>();
      if (domains.length === 0) return owners;
      const rows = await q.query<{ domain: string; organization_id: string }>(
        'SELECT domain, organization_id FROM org_domains WHERE verified_at IS NOT NULL AND domain = ANY($1::text[])',
        [[...new Set(domains)]],
      );
      for (const row of rows) owners.set(row.domain, row.organization_id);
      return owners;
    },
  };
}
