/**
 * Each organization's single sign-on provider (migration 009): its kind, issuer, client, the sealed client secret,
 * the organization's verified domains it covers, and the two policies ("pros must use SSO", "trust the provider's
 * MFA"). A provider covers only verified domains of its own organization; asking for any other is refused whole.
 */
import type { Queryable } from './db';

export type SsoProviderKind = 'entra' | 'oidc';

export interface CoveredDomain {
  id: string;
  domain: string;
}

export interface SsoProvider {
  organizationId: string;
  kind: SsoProviderKind;
  displayName: string;
  issuer: string;
  /** Null for Entra through Sealpost's own multi-tenant application. */
  clientId: string | null;
  /** Sealed with the keyring (sso/clientSecret.ts); opened only to talk to the provider, never shown. */
  clientSecretSealed: string | null;
  entraTenantId: string | null;
  prosMustUseSso: boolean;
  trustProviderMfa: boolean;
  /** Verified domains of the organization that this provider covers, by name. */
  coveredDomains: CoveredDomain[];
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SaveSsoProvider {
  organizationId: string;
  kind: SsoProviderKind;
  displayName: string;
  issuer: string;
  clientId: string | null;
  /** `undefined` keeps the stored secret (the admin left the field empty); null removes it. */
  clientSecretSealed?: string | null;
  entraTenantId: string | null;
  prosMustUseSso: boolean;
  trustProviderMfa: boolean;
  /** Ids of the organization's verified domains to cover; the list replaces the previous one. */
  coveredDomainIds: string[];
  savedBy: string | null;
}

/** A domain to cover is not a verified domain of the organization (unknown, pending or another organization's). */
export class SsoDomainNotCoverableError extends Error {
  constructor(readonly domainIds: string[]) {
    super('only verified domains of the organization can be covered by its sign-in provider');
    this.name = 'SsoDomainNotCoverableError';
  }
}

export interface SsoProviderRepository {
  find(organizationId: string): Promise<SsoProvider | null>;
  /**
   * Creates or replaces the organization's provider and its covered domains, all or nothing. Throws
   * SsoDomainNotCoverableError (changing nothing) when a domain id is not one of its verified domains. The caller
   * checks that the fields fit the kind (the table's CHECKs are the last line, not the message).
   */
  save(input: SaveSsoProvider): Promise<SsoProvider>;
  /** False when the organization had no provider. */
  remove(organizationId: string): Promise<boolean>;
  /** The provider covering this (ASCII, lower-case) email domain, if some organization verified it and covers it. */
  findByEmailDomain(domain: string): Promise<SsoProvider | null>;
  /** The Entra providers pinned to this tenant (normally one organization). */
  listByEntraTenant(tenantId: string): Promise<SsoProvider[]>;
}

// Covered domains come along as one JSON array, so every read is a single query.
const SELECT = `
  SELECT p.organization_id, p.kind, p.display_name, p.issuer, p.client_id, p.client_secret_sealed, p.entra_tenant_id,
         p.pros_must_use_sso, p.trust_provider_mfa, p.created_by, p.updated_by, p.created_at, p.updated_at,
         COALESCE((SELECT json_agg(json_build_object('id', d.id, 'domain', d.domain) ORDER BY d.domain)
                     FROM sso_provider_domains c JOIN org_domains d ON d.id = c.domain_id
                    WHERE c.organization_id = p.organization_id AND d.verified_at IS NOT NULL), '[]'::json) AS covered
    FROM sso_providers p`;

function toProvider(row: Record<string, unknown>): SsoProvider {
  const covered = typeof row.covered === 'string' ? (JSON.parse(row.covered) as CoveredDomain[]) : (row.covered as CoveredDomain[]);
  return {
    organizationId: row.organization_id as string,
    kind: row.kind as SsoProviderKind,
    displayName: row.display_name as string,
    issuer: row.issuer as string,
    clientId: (row.client_id as string | null) ?? null,
    clientSecretSealed: (row.client_secret_sealed as string | null) ?? null,
    entraTenantId: (row.entra_tenant_id as string | null) ?? null,
    prosMustUseSso: row.pros_must_use_sso as boolean,
    trustProviderMfa: row.trust_provider_mfa as boolean,
    coveredDomains: covered.map((d) => ({ id: d.id, domain: d.domain })),
    createdBy: (row.created_by as string | null) ?? null,
    updatedBy: (row.updated_by as string | null) ?? null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}

export function ssoProviderRepository(
  q: Queryable,
  inTransaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>,
): SsoProviderRepository {
  const find = async (organizationId: string, db: Queryable = q) => {
    const rows = await db.query(`${SELECT} WHERE p.organization_id = $1`, [organizationId]);
    return rows[0] ? toProvider(rows[0]) : null;
  };

  return {
    find: (organizationId) => find(organizationId),

    save(input) {
      return inTransaction(async (tx) => {
        const wanted = [...new Set(input.coveredDomainIds)];
        const coverable = await tx.query<{ id: string }>(
          'SELECT id FROM org_domains WHERE organization_id = $1 AND verified_at IS NOT NULL AND id::text = ANY($2::text[])',
          [input.organizationId, wanted],
        );
        if (coverable.length !== wanted.length) {
          const found = new Set(coverable.map((r) => r.id));
          throw new SsoDomainNotCoverableError(wanted.filter((id) => !found.has(id)));
        }
        const keepSecret = input.clientSecretSealed === undefined;
        await tx.query(
          `INSERT INTO sso_providers AS p (organization_id, kind, display_name, issuer, client_id, client_secret_sealed,
             entra_tenant_id, pros_must_use_sso, trust_provider_mfa, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5,
                   CASE WHEN $11::boolean THEN (SELECT s.client_secret_sealed FROM sso_providers s WHERE s.organization_id = $1) ELSE $6 END,
                   $7, $8, $9, $10, $10)
           ON CONFLICT (organization_id) DO UPDATE SET
             kind = EXCLUDED.kind, display_name = EXCLUDED.display_name, issuer = EXCLUDED.issuer,
             client_id = EXCLUDED.client_id,
             client_secret_sealed = EXCLUDED.client_secret_sealed,
             entra_tenant_id = EXCLUDED.entra_tenant_id, pros_must_use_sso = EXCLUDED.pros_must_use_sso,
             trust_provider_mfa = EXCLUDED.trust_provider_mfa, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [
            input.organizationId,
            input.kind,
            input.displayName,
            input.issuer,
            input.clientId,
            input.clientSecretSealed ?? null,
            input.entraTenantId,
            input.prosMustUseSso,
            input.trustProviderMfa,
            input.savedBy,
            keepSecret,
          ],
        );
        await tx.query('DELETE FROM sso_provider_domains WHERE organization_id = $1 AND NOT (domain_id::text = ANY($2::text[]))', [
          input.organizationId,
          wanted,
        ]);
        await tx.query(
          `INSERT INTO sso_provider_domains (organization_id, domain_id)
           SELECT $1, d.id FROM org_domains d WHERE d.organization_id = $1 AND d.id::text = ANY($2::text[])
           ON CONFLICT DO NOTHING`,
          [input.organizationId, wanted],
        );
        return (await find(input.organizationId, tx))!;
      });
    },

    async remove(organizationId) {
      const rows = await q.query('DELETE FROM sso_providers WHERE organization_id = $1 RETURNING organization_id', [organizationId]);
      return rows.length === 1;
    },

    async findByEmailDomain(domain) {
      const rows = await q.query(
        `${SELECT}
          WHERE p.organization_id = (
            SELECT c.organization_id FROM org_domains d JOIN sso_provider_domains c ON c.domain_id = d.id
             WHERE d.domain = $1 AND d.verified_at IS NOT NULL)`,
        [domain],
      );
      return rows[0] ? toProvider(rows[0]) : null;
    },

    async listByEntraTenant(tenantId) {
      const rows = await q.query(`${SELECT} WHERE p.kind = 'entra' AND p.entra_tenant_id = $1 ORDER BY p.created_at`, [
        tenantId.toLowerCase(),
      ]);
      return rows.map(toProvider);
    },
  };
}
