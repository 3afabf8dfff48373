/** The organization's sign-in provider as the admin page shows it (everything but the client secret, only said to exist), and as the sign-in page offers it. */
import type { SsoDiscovery, SsoSettings } from '../contract/sso';
import type { SsoProvider } from '../store';

/** Where providers send people back after sign-in (the route in routes/pages/ssoPages.ts). */
export function ssoRedirectUri(publicUrl: string | undefined): string {
  return new URL('/auth/sso/callback', publicUrl).href;
}

export function presentSsoSettings(provider: SsoProvider | null, publicUrl: string | undefined): SsoSettings {
  const redirectUri = ssoRedirectUri(publicUrl);
  if (!provider) return { provider: null, redirectUri };
  return {
    redirectUri,
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

/** Where the sign-in page sends the browser: the start of the sign-in, with the address as typed. */
export function ssoStartUrl(publicUrl: string, email: string): string {
  const url = new URL('/auth/sso/start', publicUrl);
  url.searchParams.set('email', email.trim());
  return url.href;
}

export function presentSsoDiscovery(publicUrl: string, email: string, provider: SsoProvider | null): SsoDiscovery {
  return { sso: provider ? { providerName: provider.displayName, startUrl: ssoStartUrl(publicUrl, email) } : null };
}
