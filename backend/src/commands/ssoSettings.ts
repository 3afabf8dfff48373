/**
 * Admins set up, change and remove the organization's single sign-on provider. The fields must fit the kind
 * (an OpenID provider needs an https issuer and its own client; Entra needs the tenant id and may use Sealpost's
 * application), the client secret is sealed before it is stored and never recorded, and each change is audited in
 * the transaction that makes it.
 */
import type { Actor } from '../auth/actor';
import type { SsoSettingsChange } from '../contract/sso';
import type { AppDeps } from '../deps';
import { ssoErrors } from '../signOnErrors';
import { authorize } from '../policies/authorize';
import { SsoDomainNotCoverableError, type SaveSsoProvider, type SsoProvider } from '../store';
import { sealClientSecret } from '../sso/clientSecret';
import { entraIssuerFor } from '../sso/entraAccessToken';
import { checkedIssuer } from '../sso/issuerAddress';

export async function readSsoProvider(deps: AppDeps, actor: Actor): Promise<SsoProvider | null> {
  authorize(actor, 'organization.manageSso');
  return deps.store.ssoProviders.find(actor.organization.id);
}

export async function saveSsoProvider(deps: AppDeps, actor: Actor, change: SsoSettingsChange): Promise<SsoProvider> {
  authorize(actor, 'organization.manageSso');
  const organizationId = actor.organization.id;
  const stored = await deps.store.ssoProviders.find(organizationId);
  const clientId = change.clientId ?? null;
  const tenantId = change.entraTenantId?.toLowerCase() ?? null;

  if (change.kind === 'oidc') {
    if (!clientId) throw ssoErrors.invalidSettings('clientId', 'An OpenID provider needs the client id your provider gave Sealpost.');
    if (tenantId) throw ssoErrors.invalidSettings('entraTenantId', 'A tenant id applies to Microsoft Entra only. Leave it empty, or choose Microsoft Entra.');
  } else if (!tenantId) {
    throw ssoErrors.invalidSettings('entraTenantId', "Microsoft Entra needs your organization's tenant id (a GUID, in the Entra admin center under Overview).");
  }
  const issuer = change.kind === 'entra' ? entraIssuerFor(tenantId!) : checkedIssuer(change.issuer, { allowLoopbackHttp: deps.config.mode === 'embedded' });

  // The secret belongs to the client at its provider: a new client id, issuer or kind needs the secret again (kept,
  // it would be sent to whatever token endpoint the new issuer names), and no client means no secret.
  const sameClient = stored !== null && stored.clientId === clientId && stored.issuer === issuer && stored.kind === change.kind;
  let clientSecretSealed: string | null | undefined;
  if (clientId === null) clientSecretSealed = null;
  else if (change.clientSecret !== undefined) clientSecretSealed = sealClientSecret(deps.secrets.keyring, organizationId, change.clientSecret);
  else if (stored?.clientSecretSealed && sameClient) clientSecretSealed = undefined;
  else throw ssoErrors.invalidSettings('clientSecret', 'Enter the client secret that goes with this client id.');

  const input: SaveSsoProvider = {
    organizationId,
    kind: change.kind,
    displayName: change.displayName,
    issuer,
    clientId,
    clientSecretSealed,
    entraTenantId: tenantId,
    prosMustUseSso: change.prosMustUseSso,
    trustProviderMfa: change.trustProviderMfa,
    coveredDomainIds: change.coveredDomainIds,
    savedBy: actor.account.id,
  };
  try {
    return await deps.store.transaction(async (tx) => {
      const saved = await tx.ssoProviders.save(input);
      await tx.audit.record(actor, stored ? 'organization.sso_changed' : 'organization.sso_configured', { type: 'organization', id: organizationId }, {
        kind: saved.kind,
        displayName: saved.displayName,
        issuer: saved.issuer,
        clientId: saved.clientId,
        clientSecretChanged: change.clientSecret !== undefined,
        entraTenantId: saved.entraTenantId,
        coveredDomains: saved.coveredDomains.map((d) => d.domain),
        prosMustUseSso: saved.prosMustUseSso,
        trustProviderMfa: saved.trustProviderMfa,
      });
      return saved;
    });
  } catch (error) {
    if (error instanceof SsoDomainNotCoverableError) throw ssoErrors.domainNotCoverable(error.domainIds);
    throw error;
  }
}

/** False when there was no provider; everyone signs in with a password again. */
export async function removeSsoProvider(deps: AppDeps, actor: Actor): Promise<boolean> {
  authorize(actor, 'organization.manageSso');
  return deps.store.transaction(async (tx) => {
    const removed = await tx.ssoProviders.remove(actor.organization.id);
    if (removed) await tx.audit.record(actor, 'organization.sso_removed', { type: 'organization', id: actor.organization.id });
    return removed;
  });
}
