/**
 * Outlook's Microsoft 365 sign-in without the password (nested app authentication): the add-in gets an access token
 * for Sealpost's API from Microsoft and trades it here for a Sealpost session, as the password sign-in gives one.
 *
 * The token is checked (sso/entraAccessToken.ts); the organization is the one whose Entra provider pins the token's
 * tenant and covers the address's domain; the person is found by the Microsoft user linked at their first sign-in,
 * else by the address (providerSignIn.ts), and must be an active pro or hold a pending invitation as a pro, which
 * is accepted. Nobody is provisioned from here: the token comes without anyone choosing to sign in, and a new pro
 * takes a paid seat. A second step cannot be asked for in the background, so an organization that requires 2-step
 * is met only by the provider's MFA as sso/providerMfa.ts allows; otherwise, and for guests, the answer is
 * `entra_dialog_sign_in_required` and the add-in opens its sign-in window. Counted like sign-in attempts per client
 * address. A replayed token is still a valid bearer token until it expires: each exchange makes its own session.
 */
import { normalizeEmail } from '../auth/email';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUseMicrosoftToken } from '../policies/sessions';
import { ssoErrors } from '../signOnErrors';
import { entraVerifierOf } from '../sso/entraApplication';
import type { EntraIdentity } from '../sso/entraAccessToken';
import { providerMfaCounts } from '../sso/providerMfa';
import type { SsoProvider } from '../store';
import { limits, spendAttempt } from './attemptLimits';
import { accountForIdentity, admitProviderPerson, startProviderSession } from './providerSignIn';
import { secondStepOwed, type ClientInfo, type IssuedTokens } from './sessionIssuer';

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

export async function signInWithEntraToken(
  deps: AppDeps,
  input: { accessToken: string; organizationId?: string; client: ClientInfo },
): Promise<IssuedTokens> {
  const verifier = entraVerifierOf(deps.config);
  if (!verifier) throw ssoErrors.entraNotConfigured();
  await spendAttempt(deps.store, limits.loginPerIp, input.client.ip ?? 'unknown');
  const identity = await verifier.verify(input.accessToken);

  const { provider, email } = await providerFor(deps, identity, input.organizationId);
  const organizationId = provider.organizationId;
  const entraUser = { tenantId: identity.tenantId, objectId: identity.objectId };
  const organization = await deps.store.organizations.findById(organizationId);
  if (!organization) throw errors.notAMember();

  const account = await accountForIdentity(deps.store, { organizationId, email, entraUser });
  const person = await admitProviderPerson(deps, { organization, account, email, name: identity.name, provision: false });
  assertMayUseMicrosoftToken(person.membership, organization.name);

  const providerMfa = providerMfaCounts(provider.trustProviderMfa, identity.amr);
  const { owed } = await secondStepOwed(deps.store, { accountId: person.account.id, organizationId, sessionPassedTwoStep: providerMfa });
  if (owed) throw ssoErrors.dialogSignInRequired('two_step', organization.name);

  return startProviderSession(deps, {
    organizationId,
    person,
    client: input.client,
    providerMfa,
    entraUser,
    // Outlook gets its token silently: it never confirms who is at the keyboard
    confirmedJustNow: false,
    action: 'session.entra_signed_in',
    data: { tenantId: identity.tenantId, clientAppId: identity.clientAppId },
  });
}

/**
 * The organization whose Entra provider pins the token's tenant and covers the domain of the address in the token
 * (`preferred_username`, which Microsoft calls mutable: it only picks the organization; the person is matched by
 * their link first). The one asked for, when given, must be that organization.
 */
async function providerFor(deps: AppDeps, identity: EntraIdentity, organizationId: string | undefined): Promise<{ provider: SsoProvider; email: string }> {
  const pinned = await deps.store.ssoProviders.listByEntraTenant(identity.tenantId);
  if (pinned.length === 0) throw ssoErrors.tenantNotConnected();
  const email = identity.preferredUsername ? normalizeEmail(identity.preferredUsername) : null;
  const covering = email ? pinned.filter((p) => p.coveredDomains.some((d) => d.domain === domainOf(email))) : [];
  const provider = covering.find((p) => organizationId === undefined || p.organizationId === organizationId);
  if (!email || !provider) throw ssoErrors.notCovered();
  return { provider, email };
}
