/**
 * What every sign-in through an identity provider shares, interactive (ssoSignIn.ts) or with the Microsoft token
 * Outlook passes on (entraSignIn.ts): finding the person in the organization (a Microsoft user by the link recorded
 * at their first sign-in, before the mutable address), taking a pending invitation of theirs on the way, and the
 * session: started, audited, and the Microsoft user linked, in one transaction.
 */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUse } from '../policies/sessions';
import { ssoErrors } from '../signOnErrors';
import { auditActor, type Account, type EntraUser, type Membership, type Organization, type Repositories } from '../store';
import { startSession, type ClientInfo, type IssuedTokens } from './sessionIssuer';
import { provisionFromProvider } from './ssoProvisioning';
import { acceptRegistration, type PendingRegistration } from './twoStepChallenge';

export interface ProviderPerson {
  account: Account;
  membership: Membership;
  /** A pending invitation to accept with the session. */
  registration?: PendingRegistration;
}

/**
 * The account a provider's person is in this organization. A Microsoft user linked to an account is that account,
 * whatever address the token shows (addresses change and pass to others); otherwise the account with the address,
 * unless that account is linked to another Microsoft user of the same tenant (its address now belongs to someone else).
 */
export async function accountForIdentity(
  repos: Repositories,
  input: { organizationId: string; email: string; entraUser: EntraUser | null },
): Promise<Account | null> {
  const { organizationId, entraUser } = input;
  const linkedId = entraUser ? await repos.entraLinks.findAccount(organizationId, entraUser) : null;
  if (linkedId) return repos.accounts.findById(linkedId);
  const account = await repos.accounts.findByEmail(input.email);
  if (account && entraUser) {
    const objectId = await repos.entraLinks.findObjectId(organizationId, account.id, entraUser.tenantId);
    if (objectId !== null && objectId !== entraUser.objectId) throw ssoErrors.identityMismatch();
  }
  return account;
}

/**
 * The person's membership as a provider sign-in finds it: active (and not blocked or removed), or invited with a
 * pending invitation that the session will accept. Someone unknown joins by the organization's auto-provisioning
 * only where `provision` allows it; else they are sent to their administrator.
 */
export async function admitProviderPerson(
  deps: AppDeps,
  input: { organization: Organization; account: Account | null; email: string; name: string | null; provision: boolean },
): Promise<ProviderPerson> {
  const { organization, account } = input;
  const membership = account ? await deps.store.memberships.find(organization.id, account.id) : null;
  if (!account || !membership) {
    if (!input.provision || organization.autoProvision === 'off') throw ssoErrors.noInvitation(organization.name);
    return provisionFromProvider(deps, { organizationId: organization.id, email: input.email, name: input.name });
  }
  if (membership.status === 'invited') {
    const invitation = await deps.store.invitations.findPendingForAccount(organization.id, account.id);
    if (!invitation) throw ssoErrors.noInvitation(organization.name);
    if (account.blockedAt) throw errors.accountBlocked();
    return { account, membership, registration: { invitationId: invitation.id, existingAccount: account.passwordHash !== null } };
  }
  assertMayUse(account, membership, organization.name);
  return { account, membership };
}

/** Starts the session of a provider sign-in whose second step is settled, recording `action` with `data`. */
export async function startProviderSession(
  deps: AppDeps,
  input: {
    organizationId: string;
    person: ProviderPerson;
    client: ClientInfo;
    providerMfa: boolean;
    entraUser: EntraUser | null;
    /**
     * The provider made the person sign in just now (prompt=login, a fresh auth_time): the session then confirms who
     * is there for a while, as a password does (signing consent). Never for a token obtained silently (Outlook).
     */
    confirmedJustNow: boolean;
    action: 'session.sso_signed_in' | 'session.entra_signed_in';
    data: Record<string, unknown>;
  },
): Promise<IssuedTokens> {
  const { organizationId, person, entraUser } = input;
  const base = { accountId: person.account.id, organizationId, client: input.client };
  return deps.store.transaction(async (tx) => {
    if (person.registration) await acceptRegistration(tx, { ...base, registration: person.registration });
    // Two first sign-ins racing for one account with different Microsoft users: the second is refused.
    if (entraUser && !(await tx.entraLinks.link(organizationId, person.account.id, entraUser))) throw ssoErrors.identityMismatch();
    const issued = await startSession(tx, deps, { ...base, twoStepPassed: input.providerMfa, providerSignIn: input.confirmedJustNow });
    await tx.audit.record(auditActor(organizationId, person.account.id), input.action, { type: 'session', id: issued.sessionId }, {
      ...input.data,
      providerMfa: input.providerMfa,
      invitationAccepted: person.registration !== undefined,
    });
    return issued;
  });
}
