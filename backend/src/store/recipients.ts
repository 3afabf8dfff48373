/**
 * Recipient classification's data: for a batch of normalized addresses, in ONE round trip, each address's account,
 * its membership in the organization, and whether its domain is verified by the organization; plus the
 * organization's seat count and provisioning policy.
 */
import type { Queryable } from './db';
import type { AutoProvision, MembershipStatus, MembershipType } from './types';

export interface RecipientFacts {
  email: string;
  accountId: string | null;
  /** Blocked by the platform, told only for active members of this organization: others learn nothing of it. */
  accountBlocked: boolean;
  membershipType: MembershipType | null;
  membershipStatus: MembershipStatus | null;
  domainVerified: boolean;
}

export interface RecipientBatchFacts {
  recipients: RecipientFacts[];
  seatsPurchased: number;
  seatsUsed: number;
  autoProvision: AutoProvision;
  /**
   * Domains the organization trusts, for lookalike warnings: its verified domains, and the TRUSTED_DOMAINS domains
   * most of its newest TRUSTED_SAMPLE members, guests and invited people write from (everyone it has written to
   * became one of them). A sample read through the (organization, joined) index: classify runs on every change of
   * recipients, so its cost must not grow with the organization.
   */
  trustedDomains: string[];
}

/** How many of the organization's most common member domains count as trusted (bounds the lookalike work). */
export const TRUSTED_DOMAINS = 200;
/** How many of the newest memberships the common domains are counted from. */
export const TRUSTED_SAMPLE = 2000;

export interface RecipientRepository {
  factsFor(organizationId: string, emails: string[]): Promise<RecipientBatchFacts>;
}

// MATERIALIZED: the seat count is taken once, not once per address (an inlined CTE re-ran it for every row). Fixed
// text and index lookups only, so it is prepared once per connection.
const FACTS_SQL = `WITH org AS MATERIALIZED (
    SELECT o.seats_purchased, o.auto_provision,
           (SELECT count(*)::int FROM memberships s
            WHERE s.organization_id = o.id AND s.type = 'pro' AND s.status IN ('active', 'invited')) AS seats_used,
           ARRAY(SELECT d.domain FROM org_domains d WHERE d.organization_id = o.id AND d.verified_at IS NOT NULL
                 UNION
                 (SELECT split_part(recent.sort_email, '@', 2) FROM
                    (SELECT t.sort_email FROM memberships t
                     WHERE t.organization_id = o.id AND t.status IN ('active', 'invited')
                     ORDER BY t.created_at DESC LIMIT ${TRUSTED_SAMPLE}) recent
                  GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${TRUSTED_DOMAINS})) AS trusted_domains
    FROM organizations o WHERE o.id = $1
  ), input AS (SELECT DISTINCT unnest($2::text[]) AS email)
  SELECT org.seats_purchased, org.auto_provision, org.seats_used, org.trusted_domains, input.email, a.id AS account_id,
         (a.blocked_at IS NOT NULL AND m.status = 'active') AS account_blocked, m.type, m.status, (d.id IS NOT NULL) AS domain_verified
  FROM org
  LEFT JOIN input ON true
  LEFT JOIN accounts a ON a.email = input.email
  LEFT JOIN memberships m ON m.account_id = a.id AND m.organization_id = $1
  LEFT JOIN org_domains d ON d.organization_id = $1 AND d.verified_at IS NOT NULL
                          AND d.domain = split_part(input.email, '@', 2)`;

export function recipientRepository(q: Queryable): RecipientRepository {
  return {
    async factsFor(organizationId, emails) {
      const rows = await q.query(FACTS_SQL, [organizationId, emails], 'recipients_facts');
      const first = rows[0];
      if (!first) throw new Error(`unknown organization ${organizationId}`);
      return {
        seatsPurchased: first.seats_purchased as number,
        seatsUsed: first.seats_used as number,
        autoProvision: first.auto_provision as AutoProvision,
        trustedDomains: (first.trusted_domains as string[] | null) ?? [],
        recipients: rows
          .filter((row) => row.email !== null)
          .map((row) => ({
            email: row.email as string,
            accountId: (row.account_id as string | null) ?? null,
            accountBlocked: Boolean(row.account_blocked) && row.account_id !== null,
            membershipType: (row.type as MembershipType | null) ?? null,
            membershipStatus: (row.status as MembershipStatus | null) ?? null,
            domainVerified: row.domain_verified as boolean,
          })),
      };
    },
  };
}
