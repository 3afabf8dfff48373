/**
 * Signing in through the organization's identity provider: discovery (does this address sign in with a provider?),
 * the start (where to send the browser, and the pending sign-in to keep sealed), and the finish: the provider's
 * answer checked (sso/relyingParty.ts), the address it vouches for tied to the one typed and to the organization's
 * covered domains, then the person found (providerSignIn.ts: a Microsoft user by their link first): an active member
 * gets a session (the provider's MFA counts as the organization's second step only as sso/providerMfa.ts says), a
 * pending invitation of that address is accepted on the way, someone new joins as the organization's
 * auto-provisioning says (ssoProvisioning.ts), and anyone else is sent to their administrator.
 */
import { normalizeEmail } from '../auth/email';
import type { AppDeps } from '../deps';
import { ssoErrors } from '../signOnErrors';
import type { EntraUser, SsoProvider } from '../store';
import { entraApplicationOf } from '../sso/entraApplication';
import { oidcSettingsFor } from '../sso/providerSettings';
import { providerMfaCounts } from '../sso/providerMfa';
import type { PendingSignIn, RelyingParty, VerifiedIdentity } from '../sso/relyingParty';
import type { PendingSsoSignIn } from '../sso/pendingSignInSeal';
import { limits, spendAttempt } from './attemptLimits';
import { accountForIdentity, admitProviderPerson, startProviderSession } from './providerSignIn';
import { secondStepOwed, type ClientInfo } from './sessionIssuer';
import type { SignInResult } from './signInCompleter';
import { issueChallenge } from './twoStepChallenge';

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** The provider covering this address's domain, or null (also for text that is no address). */
export async function providerForEmail(deps: AppDeps, rawEmail: string): Promise<{ email: string; provider: SsoProvider } | null> {
  const email = normalizeEmail(rawEmail);
  if (!email) return null;
  const provider = await deps.store.ssoProviders.findByEmailDomain(domainOf(email));
  return provider ? { email, provider } : null;
}

/**
 * The sign-in page's question. Counted like sign-in attempts; the answer depends only on the domain, so it says
 * nothing of whether the address has an account.
 */
export async function discoverSso(deps: AppDeps, rawEmail: string, ip: string | null): Promise<SsoProvider | null> {
  await spendAttempt(deps.store, limits.loginPerIp, ip ?? 'unknown');
  return (await providerForEmail(deps, rawEmail))?.provider ?? null;
}

export async function startSsoSignIn(
  deps: AppDeps,
  relyingParty: RelyingParty,
  input: { email: string; redirectUri: string; ip: string | null; freshLogin?: boolean },
): Promise<{ authorizationUrl: URL; pending: PendingSsoSignIn }> {
  await spendAttempt(deps.store, limits.loginPerIp, input.ip ?? 'unknown');
  const found = await providerForEmail(deps, input.email);
  if (!found) throw ssoErrors.notCovered();
  const settings = oidcSettingsFor(found.provider, deps.secrets.keyring, entraApplicationOf(deps.config));
  const { authorizationUrl, pending } = await relyingParty.beginSignIn(settings, { redirectUri: input.redirectUri, loginHint: found.email, freshLogin: input.freshLogin });
  return { authorizationUrl, pending: { organizationId: found.provider.organizationId, email: found.email, pending } };
}

/**
 * The provider must vouch for the address typed (so nobody is signed in as someone else through a loosely kept
 * directory), on a domain this organization covers. A generic provider must say the address is verified; Entra
 * never does, and is tied to the organization by its pinned tenant instead (checked by the relying party).
 */
function vouchedEmail(provider: SsoProvider, identity: VerifiedIdentity, typed: string): string {
  const email = identity.email ? normalizeEmail(identity.email) : null;
  const verified = provider.kind === 'entra' || identity.emailVerified;
  const covered = email !== null && provider.coveredDomains.some((d) => d.domain === domainOf(email));
  if (!email || !verified || !covered || email !== typed) throw ssoErrors.emailMismatch();
  return email;
}

export async function finishSsoSignIn(
  deps: AppDeps,
  relyingParty: RelyingParty,
  input: { pending: PendingSsoSignIn; callbackUrl: URL; client: ClientInfo },
): Promise<SignInResult> {
  const { organizationId } = input.pending;
  const provider = await deps.store.ssoProviders.find(organizationId);
  // Removed or changed while the person was away: the sign-in belongs to a provider that is no longer set up.
  if (!provider) throw ssoErrors.stateMismatch();
  const identity = await relyingParty.completeSignIn(oidcSettingsFor(provider, deps.secrets.keyring, entraApplicationOf(deps.config)), input.callbackUrl, input.pending.pending);
  const email = vouchedEmail(provider, identity, input.pending.email);
  const entraUser = entraUserOf(provider, identity);

  const organization = (await deps.store.organizations.findById(organizationId))!;
  const account = await accountForIdentity(deps.store, { organizationId, email, entraUser });
  const person = await admitProviderPerson(deps, { organization, account, email, name: identity.name, provision: true });

  const providerMfa = providerMfaCounts(provider.trustProviderMfa, identity.amr);
  const base = { accountId: person.account.id, organizationId, client: input.client };
  const { owed: step } = await secondStepOwed(deps.store, { ...base, sessionPassedTwoStep: providerMfa });
  if (step) {
    const challenge = await issueChallenge(deps.store, { ...base, step, registration: person.registration });
    return { kind: 'two_step', step, ...challenge };
  }
  const tokens = await startProviderSession(deps, {
    organizationId,
    person,
    client: input.client,
    providerMfa,
    entraUser,
    confirmedJustNow: signedInAgain(input.pending.pending, identity),
    action: 'session.sso_signed_in',
    data: { provider: provider.kind, issuer: identity.issuer },
  });
  return { kind: 'signed_in', tokens };
}

/** Asked to sign in afresh, and the provider says the person did after the request went out (a minute's skew). */
function signedInAgain(pending: PendingSignIn, identity: VerifiedIdentity): boolean {
  return pending.freshLogin === true && identity.authTime !== null && identity.authTime >= pending.startedAt - 60_000;
}

/** The Microsoft user of an Entra sign-in (tenant and object id), for the link; null for other providers. */
function entraUserOf(provider: SsoProvider, identity: VerifiedIdentity): EntraUser | null {
  if (provider.kind !== 'entra' || !identity.tenantId || !identity.objectId) return null;
  return { tenantId: identity.tenantId.toLowerCase(), objectId: identity.objectId.toLowerCase() };
}
