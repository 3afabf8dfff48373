/**
 * What the relying party needs to talk to an organization's stored provider: the issuer, the client and its opened
 * secret, and for Microsoft Entra the pinned tenant. Entra organizations normally sign in through Sealpost's one
 * multi-tenant application (its client id and secret are server settings), at their own tenant's issuer, so the
 * token's issuer and `tid` both tie the sign-in to that tenant:
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-the-issuer
 */
import { ssoErrors } from '../signOnErrors';
import type { Keyring } from '../crypto/keyring';
import type { SsoProvider } from '../store';
import { openClientSecret } from './clientSecret';
import { entraIssuerFor } from './entraAccessToken';
import type { OidcProviderSettings } from './relyingParty';

/** Sealpost's own Entra application registration (multi-tenant). */
export interface EntraApplication {
  clientId: string;
  clientSecret: string;
}

export function oidcSettingsFor(provider: SsoProvider, keyring: Keyring, entraApplication: EntraApplication | null): OidcProviderSettings {
  const ownClient =
    provider.clientId !== null && provider.clientSecretSealed !== null
      ? { clientId: provider.clientId, clientSecret: openClientSecret(keyring, provider.organizationId, provider.clientSecretSealed) }
      : null;
  if (provider.kind === 'oidc') {
    if (!ownClient) throw new Error(`the OpenID provider of organization ${provider.organizationId} has no client`);
    return { issuer: provider.issuer, ...ownClient, tenantId: null };
  }
  const client = ownClient ?? entraApplication;
  if (!client) {
    throw ssoErrors.entraNotConfigured();
  }
  return { issuer: entraIssuerFor(provider.entraTenantId!), ...client, tenantId: provider.entraTenantId };
}
