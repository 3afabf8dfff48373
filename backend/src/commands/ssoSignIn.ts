/**
 * Signing in through the organization's identity provider: discovery (does this address sign in with a provider?),
 * the start (where to send the browser, and the pending sign-in to keep sealed), and the finish: the provider's
 * answer checked (sso/relyingParty.ts), the address it vouches for tied to the one typed and to the organization's
 * covered domains, then the person found: an active member gets a session (the provider's MFA counts as the
 * organization's second step only when the admin trusts it and `amr` says `mfa`), a pending invitation of that
 * address is accepted on the way, someone new joins as the organization's auto-provisioning says (ssoProvisioning.ts),
 * and anyone else is sent to their administrator.
 */
import { normalizeEmail } from '../auth/email';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { ssoErrors } from '../signOnErrors';
import { assertMayUse } from '../policies/sessions';
import { auditActor, type SsoProvider } from '../store';
import { oidcSettingsFor } from '../sso/providerSettings';
import type { RelyingParty, VerifiedIdentity } from '../sso/relyingParty';
import type { PendingSsoSignIn } from '../sso/pendingSignInSeal';
import { limits, spendAttempt } from './attemptLimits';
import { provisionFromProvider } from './ssoProvisioning';
import { secondStepOwed, startSession, type ClientInfo } from './sessionIssuer';
import type { SignInResult } from './signInCompleter';
import { acceptRegistration, issueChallenge, type PendingRegistration } from './twoStepChallenge';

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
  input: { email: string; redirectUri: string; ip: string | null },
): Promise<{ authorizationUrl: URL; pending: PendingSsoSignIn }> {
  await spendAttempt(deps.store, limits.loginPerIp, input.ip ?? 'unknown');
  const found = await providerForEmail(deps, input.email);
  if (!found) throw ssoErrors.notCovered();
  const settings = oidcSettingsFor(found.provider, deps.secrets.keyring, null);
  const { authorizationUrl, pending } = await relyingParty.beginSignIn(settings, { redirectUri: input.redirectUri, loginHint: found.email });
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
  const identity = await relyingParty.completeSignIn(oidcSettingsFor(provider, deps.secrets.keyring, null), input.callbackUrl, input.pending.pending);
  const email = vouchedEmail(provider, identity, input.pending.email);

  const organization = (await deps.store.organizations.findById(organizationId))!;
  let account = await deps.store.accounts.findByEmail(email);
  let membership = account ? await deps.store.memberships.find(organizationId, account.id) : null;

  let registration: PendingRegistration | undefined;
  if (!account || !membership) {
    if (organization.autoProvision === 'off') throw ssoErrors.noInvitation(organization.name);
    ({ account, membership, registration } = await provisionFromProvider(deps, { organizationId, email, name: identity.name }));
  } else if (membership.status === 'invited') {
    const invitation = await deps.store.invitations.findPendingForAccount(organizationId, account.id);
    if (!invitation) throw ssoErrors.noInvitation(organization.name);
    registration = { invitationId: invitation.id, existingAccount: account.passwordHash !== null };
    if (account.blockedAt) throw errors.accountBlocked();
  } else {
    assertMayUse(account, membership, organization.name);
  }

  const providerMfa = provider.trustProviderMfa && identity.amr.includes('mfa');
  const base = { accountId: account.id, organizationId, client: input.client };
  const { owed: step } = await secondStepOwed(deps.store, { ...base, sessionPassedTwoStep: providerMfa });
  if (step) {
    const challenge = await issueChallenge(deps.store, { ...base, step, registration });
    return { kind: 'two_step', step, ...challenge };
  }
  const tokens = await deps.store.transaction(async (tx) => {
    if (registration) await acceptRegistration(tx, { ...base, registration });
    const issued = await startSession(tx, deps, { ...base, twoStepPassed: providerMfa });
    await tx.audit.record(auditActor(organizationId, account.id), 'session.sso_signed_in', { type: 'session', id: issued.sessionId }, {
      provider: provider.kind,
      issuer: identity.issuer,
      providerMfa,
      invitationAccepted: registration !== undefined,
    });
    return issued;
  });
  return { kind: 'signed_in', tokens };
}
