/**
 * Sealpost as an OpenID Connect relying party (with `openid-client`): finds a provider from its issuer (discovery),
 * sends the person there with the authorization code flow, PKCE (S256), a state and a nonce, then trades the code for
 * tokens and returns the identity the ID token vouches for, after checking its signature, issuer, audience, nonce,
 * expiry and, for Microsoft Entra, the organization's pinned tenant. Routes keep the pending sign-in between the two
 * steps; nothing here touches storage or HTTP requests of our own.
 */
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { AppError } from '../errors';
import { isLoopbackHost } from '../http/loopback';
import type { TokenCheck } from '../contract/errors';
import { ssoErrors } from '../signOnErrors';
import { providerFetch } from './providerFetch';

export interface OidcProviderSettings {
  /** The issuer identifier, exactly as the provider's tokens carry it (discovery is `issuer` + /.well-known/…). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Microsoft Entra only: the organization's tenant id; an ID token of another tenant is refused. */
  tenantId?: string | null;
}

export interface RelyingPartyOptions {
  /** Allows plain-HTTP issuers on this machine only (the loopback test provider); never set in production. */
  allowLoopbackHttp?: boolean;
  /** Clock difference tolerated when checking `exp`, `iat` and `nbf`. */
  clockToleranceSeconds?: number;
  /** A sign-in that takes longer than this is refused and must start again. */
  maxSignInMinutes?: number;
}

/** What a route keeps (sealed, in a cookie or a row) between sending the person away and their return. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  /** The provider was asked to make the person sign in again (prompt=login, max_age=0), to confirm who is there. */
  freshLogin?: boolean;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  /**
   * Entra sends no `email_verified`, and says its `email` claim "isn't guaranteed to be correct" and must not be used
   * for authorization (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference), so for Entra
   * the caller ties the address to the organization's verified domains and pinned tenant instead.
   */
  email: string | null;
  /** True only when the provider says so with a boolean `email_verified: true`. */
  emailVerified: boolean;
  name: string | null;
  /** Entra's tenant id claim (`tid`), when the provider sends one. */
  tenantId: string | null;
  /** Entra's object id of the user (`oid`, a GUID), when the provider sends one: with `tid`, their stable key. */
  objectId: string | null;
  /**
   * Authentication methods of the sign-in (`amr`), e.g. ['pwd', 'mfa']; empty when the provider sends none. Entra
   * documents `amr` for v1.0 tokens only, so its v2.0 ID tokens carry none (see providerMfa.ts).
   */
  amr: string[];
  /** When the person last signed in at the provider (`auth_time`, milliseconds), when it says. */
  authTime: number | null;
}

export interface RelyingParty {
  beginSignIn(
    settings: OidcProviderSettings,
    request: { redirectUri: string; loginHint?: string; freshLogin?: boolean },
  ): Promise<{ authorizationUrl: URL; pending: PendingSignIn }>;
  /** `callbackUrl` is the full URL the provider redirected back to (code, state, or an error). */
  completeSignIn(settings: OidcProviderSettings, callbackUrl: URL, pending: PendingSignIn): Promise<VerifiedIdentity>;
}

const SCOPE = 'openid email profile';
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const MAX_CACHED_PROVIDERS = 500;

export function relyingParty(options: RelyingPartyOptions = {}): RelyingParty {
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  const maxSignInMs = (options.maxSignInMinutes ?? 10) * 60 * 1000;
  // Discovery and the provider's keys are fetched once per provider and secret, not on every sign-in.
  const configurations = new Map<string, { config: client.Configuration; fetchedAt: number }>();
  // Every call to a provider (discovery, token, keys) goes through the guard: the issuer is typed by an admin.
  const guardedFetch = providerFetch({ allowLoopback: options.allowLoopbackHttp === true });

  async function configurationFor(settings: OidcProviderSettings): Promise<client.Configuration> {
    const key = createHash('sha256')
      .update(JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]))
      .digest('base64url');
    const cached = configurations.get(key);
    if (cached && Date.now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached.config;
    let issuerUrl: URL;
    try {
      issuerUrl = new URL(settings.issuer);
    } catch {
      throw ssoErrors.providerUnreachable();
    }
    const loopbackHttp = options.allowLoopbackHttp === true && issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname);
    let config: client.Configuration;
    try {
      config = await client.discovery(
        issuerUrl,
        settings.clientId,
        { id_token_signed_response_alg: 'RS256', [client.clockTolerance]: clockTolerance },
        client.ClientSecretBasic(settings.clientSecret),
        { execute: loopbackHttp ? [client.allowInsecureRequests] : [], timeout: 10, [client.customFetch]: guardedFetch },
      );
    } catch {
      throw ssoErrors.providerUnreachable();
    }
    // openid-client trusts the TLS channel to the token endpoint and skips the ID token's signature unless asked;
    // we check it, so a token is only as good as the provider's key.
    client.enableNonRepudiationChecks(config);
    configurations.delete(key);
    configurations.set(key, { config, fetchedAt: Date.now() });
    if (configurations.size > MAX_CACHED_PROVIDERS) configurations.delete(configurations.keys().next().value!);
    return config;
  }

  return {
    async beginSignIn(settings, request) {
      const config = await configurationFor(settings);
      const pending: PendingSignIn = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        redirectUri: request.redirectUri,
        startedAt: Date.now(),
        ...(request.freshLogin ? { freshLogin: true } : {}),
      };
      const parameters: Record<string, string> = {
        redirect_uri: request.redirectUri,
        response_type: 'code',
        scope: SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      };
      if (request.loginHint) parameters.login_hint = request.loginHint;
      // a live session at the provider must not stand in for the person: sign in again, and say when in auth_time
      if (request.freshLogin) Object.assign(parameters, { prompt: 'login', max_age: '0' });
      return { authorizationUrl: client.buildAuthorizationUrl(config, parameters), pending };
    },

    async completeSignIn(settings, callbackUrl, pending) {
      if (!(Date.now() - pending.startedAt <= maxSignInMs)) throw ssoErrors.signInExpired(maxSignInMs / 60_000);
      const config = await configurationFor(settings);
      let claims: client.IDToken;
      try {
        const tokens = await client.authorizationCodeGrant(
          config,
          callbackUrl,
          { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
          { redirect_uri: pending.redirectUri },
        );
        const idTokenClaims = tokens.claims();
        if (!idTokenClaims) throw ssoErrors.idTokenRejected('claims');
        claims = idTokenClaims;
      } catch (error) {
        throw refusalFor(error);
      }
      const tenantId = typeof claims.tid === 'string' ? claims.tid : null;
      // Entra: one multi-tenant application serves every organization, so the tenant is what tells them apart.
      if (settings.tenantId && (tenantId === null || tenantId.toLowerCase() !== settings.tenantId.toLowerCase())) {
        throw ssoErrors.idTokenRejected('tenant');
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
        tenantId,
        objectId: typeof claims.oid === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(claims.oid) ? claims.oid : null,
        amr: Array.isArray(claims.amr) ? claims.amr.filter((method): method is string => typeof method === 'string') : [],
        authTime: typeof claims.auth_time === 'number' && Number.isFinite(claims.auth_time) ? claims.auth_time * 1000 : null,
      };
    },
  };
}

/**
 * The refusal for what openid-client threw. Its errors carry a code for the kind of failure and, in the message of
 * the oauth4webapi error they wrap, the claim or parameter that failed in quotes (e.g. `unexpected JWT "iss" …`).
 */
function refusalFor(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof client.AuthorizationResponseError) return ssoErrors.providerRefused(error.error);
  if (error instanceof client.ResponseBodyError) return ssoErrors.providerRefused(error.error);
  const { code, cause, message } = error as { code?: string; cause?: unknown; message?: string };
  const detail = cause instanceof Error ? cause.message : (message ?? '');
  const named = /"([\w]+)"/.exec(detail)?.[1];
  switch (code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED': {
      const byClaim: Record<string, TokenCheck> = { iss: 'issuer', aud: 'audience', azp: 'audience', nonce: 'nonce' };
      return ssoErrors.idTokenRejected((named && byClaim[named]) || 'claims');
    }
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return ssoErrors.idTokenRejected(named === 'exp' ? 'expired' : named === 'nbf' || named === 'iat' ? 'not_yet_valid' : 'claims');
    case 'OAUTH_KEY_SELECTION_FAILED':
      return ssoErrors.idTokenRejected('unknown_key');
    case 'OAUTH_INVALID_RESPONSE':
      if (named === 'state') return ssoErrors.stateMismatch();
      if (named === 'alg') return ssoErrors.idTokenRejected('algorithm');
      if (/signature verification failed/i.test(detail)) return ssoErrors.idTokenRejected('signature');
      return ssoErrors.idTokenRejected('malformed');
    case 'OAUTH_UNSUPPORTED_OPERATION':
      return ssoErrors.idTokenRejected('algorithm');
    case 'OAUTH_PARSE_ERROR':
      return ssoErrors.idTokenRejected('malformed');
    default: {
      // Other answers the library finds unusable, and the network failing, mean the provider cannot be used now;
      // anything else is a bug of ours and must surface as one.
      // A destination refused by providerFetch counts as unreachable: the admin learns nothing about our network.
      // (openid-client wraps a failed fetch in a ClientError whose cause is the fetch's TypeError.)
      // By name, not instanceof: fetch's errors may come from another realm than this module's TypeError.
      const isNetworkFailure = (e: unknown) => ['TypeError', 'TimeoutError', 'AbortError', 'RefusedDestinationError'].includes((e as { name?: string } | null)?.name ?? '');
      if (isNetworkFailure(error) || isNetworkFailure(cause) || code?.startsWith('OAUTH_')) return ssoErrors.providerUnreachable();
      throw error;
    }
  }
}
