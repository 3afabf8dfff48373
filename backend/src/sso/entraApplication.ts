/**
 * Sealpost's own multi-tenant Entra application from the server settings (sso/entraSettings.ts): the client for
 * interactive sign-in, and the checker of the access tokens Outlook passes on, one per configuration so that
 * Microsoft's signing keys are fetched once and shared by every request.
 */
import type { Config } from '../config';
import { entraAccessTokenVerifier, type EntraAccessTokenVerifier } from './entraAccessToken';
import { jwksCache } from './jwksCache';
import type { EntraApplication } from './providerSettings';

type EntraConfig = Pick<Config, 'entraClientId' | 'entraClientSecret' | 'entraAppIdUri' | 'entraScope' | 'entraJwksUrl'>;

/** The client of the interactive sign-in, or null while ENTRA_CLIENT_ID or ENTRA_CLIENT_SECRET is unset. */
export function entraApplicationOf(config: EntraConfig): EntraApplication | null {
  return config.entraClientId && config.entraClientSecret ? { clientId: config.entraClientId, clientSecret: config.entraClientSecret } : null;
}

const verifiers = new WeakMap<EntraConfig, EntraAccessTokenVerifier>();

/** The access-token checker, or null while ENTRA_CLIENT_ID is unset (Microsoft sign-in from Outlook is off). */
export function entraVerifierOf(config: EntraConfig): EntraAccessTokenVerifier | null {
  if (!config.entraClientId) return null;
  let verifier = verifiers.get(config);
  if (!verifier) {
    verifier = entraAccessTokenVerifier({
      // In v2.0 access tokens `aud` is the client id; the App ID URI is accepted too (entraAccessToken.ts).
      audiences: [config.entraClientId, ...(config.entraAppIdUri ? [config.entraAppIdUri] : [])],
      requiredScope: config.entraScope,
      // Outlook's nested app authentication issues the add-in's tokens to Sealpost's own app registration
      // (https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in,
      // "Acquire your first token"): any other application is someone else's, even with the scope consented.
      authorizedClients: [config.entraClientId],
      keys: jwksCache({ url: config.entraJwksUrl }),
    });
    verifiers.set(config, verifier);
  }
  return verifier;
}
