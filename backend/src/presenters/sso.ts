/** The organization's sign-in provider as the admin page shows it: everything but the client secret, which is only said to exist. */
import type { SsoSettings } from '../contract/sso';
import type { SsoProvider } from '../store';

export function presentSsoSettings(provider: SsoProvider | null): SsoSettings {
  if (!provider) return { provider: null };
  return {
    provider: {
      kind: provider.kind,
      displayName: provider.displayName,
      issuer: provider.issuer,
      clientId: provider.clientId,
      hasClientSecret: provider.clientSecretSealed !== null,
      entraTenantId: provider.entraTenantId,
      coveredDomains: provider.coveredDomains,
      prosMustUseSso: provider.prosMustUseSso,
      trustProviderMfa: provider.trustProviderMfa,
      updatedAt: provider.updatedAt.toISOString(),
    },
  };
}
