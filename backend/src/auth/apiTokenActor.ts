/**
 * Who is acting when a back-office system calls with an organization API token: the token, standing in for the
 * admin who created it (their account and membership, read afresh on every request), in the token's organization.
 * It satisfies the rules (PolicyActor) and the audit log (AuditActor) like a signed-in person does.
 */
import type { Account, Membership, Organization } from '../store';

export interface ApiTokenActor {
  account: Account;
  organization: Organization;
  membership: Membership;
  token: { id: string; name: string; scopes: string[] };
}
