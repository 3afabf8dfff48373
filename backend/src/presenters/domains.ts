/** A claimed domain as the API answers it, with the TXT record that proves it. */
import type { Domain } from '../contract/domains';
import { txtRecordFor } from '../domains/domainClaims';
import type { OrgDomain } from '../store';

export function presentDomain(claim: OrgDomain): Domain {
  return {
    id: claim.id,
    domain: claim.domain,
    status: claim.verifiedAt ? 'verified' : 'pending',
    txtRecord: txtRecordFor(claim),
    createdAt: claim.createdAt.toISOString(),
    verifiedAt: claim.verifiedAt?.toISOString() ?? null,
  };
}
