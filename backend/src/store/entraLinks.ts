/**
 * The Microsoft user each account signed in as, per organization (migration 016): Microsoft's stable key for a person
 * is the tenant id with the object id, never the address, which can change or pass to someone else. Only links of
 * the tenant an organization pins today count: after a change of tenant, the next sign-in links afresh.
 */
import type { Queryable } from './db';

export interface EntraUser {
  tenantId: string;
  objectId: string;
}

export interface EntraLinkRepository {
  /** The account this Microsoft user is linked to in the organization, if any. */
  findAccount(organizationId: string, user: EntraUser): Promise<string | null>;
  /** The Microsoft user of this tenant the account is linked to in the organization, if any. */
  findObjectId(organizationId: string, accountId: string, tenantId: string): Promise<string | null>;
  /**
   * Links the account to the Microsoft user unless a link of this tenant exists (a link of another tenant is
   * replaced). Answers whether the account is now linked to exactly this user: false when it, or the user, was
   * linked otherwise meanwhile.
   */
  link(organizationId: string, accountId: string, user: EntraUser): Promise<boolean>;
}

export function entraLinkRepository(q: Queryable): EntraLinkRepository {
  return {
    async findAccount(organizationId, user) {
      const rows = await q.query<{ account_id: string }>(
        'SELECT account_id FROM entra_identity_links WHERE organization_id = $1 AND tenant_id = $2 AND object_id = $3',
        [organizationId, user.tenantId, user.objectId],
      );
      return rows[0]?.account_id ?? null;
    },

    async findObjectId(organizationId, accountId, tenantId) {
      const rows = await q.query<{ object_id: string }>(
        'SELECT object_id FROM entra_identity_links WHERE organization_id = $1 AND account_id = $2 AND tenant_id = $3',
        [organizationId, accountId, tenantId],
      );
      return rows[0]?.object_id ?? null;
    },

    async link(organizationId, accountId, user) {
      await q.query('DELETE FROM entra_identity_links WHERE organization_id = $1 AND account_id = $2 AND tenant_id <> $3', [
        organizationId,
        accountId,
        user.tenantId,
      ]);
      await q.query(
        `INSERT INTO entra_identity_links (organization_id, account_id, tenant_id, object_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [organizationId, accountId, user.tenantId, user.objectId],
      );
      const rows = await q.query<{ object_id: string }>(
        'SELECT object_id FROM entra_identity_links WHERE organization_id = $1 AND account_id = $2 AND tenant_id = $3',
        [organizationId, accountId, user.tenantId],
      );
      return rows[0]?.object_id === user.objectId;
    },
  };
}
