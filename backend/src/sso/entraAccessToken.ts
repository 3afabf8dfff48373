/**
 * Checks a Microsoft Entra access token issued to Sealpost's API (what Outlook's nested app authentication will send)
 * and returns who it vouches for. One multi-tenant app serves every organization, so the token's own tenant (`tid`)
 * picks the issuer it must come from; the caller then maps that tenant to the organization that pinned it. Each
 * failed check is refused with its own stable code (ssoErrors.accessTokenRejected).
 *
 * Microsoft's rules, from https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens and
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference:
 * - signed RS256, the key named by `kid` (v2.0 tokens carry no `x5t`), from the published key set;
 * - `tid` a GUID and `iss` exactly `https://login.microsoftonline.com/{tid}/v2.0`; a key that names an issuer may
 *   only sign for that issuer (`{tenantid}` stands for the token's `tid`);
 * - `aud` one of the API's own identifiers: in v2.0 tokens it is always the API's client id, so both the client id
 *   and the App ID URI are accepted;
 * - `scp` holds the delegated scopes the user consented to; app-only tokens have none and are refused;
 * - `azp` is the application that asked for the token; where `authorizedClients` is given it must be one of them, so
 *   another application a person consented to Sealpost's scope cannot trade its tokens for Sealpost sessions;
 * - `oid` is the user's stable id within the tenant; `preferred_username` is mutable and only for display.
 */
import { compactVerify, decodeProtectedHeader, errors as joseErrors } from 'jose';
import type { AppError } from '../errors';
import { KeysUnavailableError, type JwksCache } from './jwksCache';
import type { TokenCheck } from '../contract/errors';
import { ssoErrors } from '../signOnErrors';

/** Entra's sign-in host for the global cloud. */
export const ENTRA_AUTHORITY = 'https://login.microsoftonline.com';
/** Keys of every tenant, each tagged with the issuer it may sign for (access-tokens#validate-the-signing-key-issuer). */
export const ENTRA_COMMON_JWKS_URL = `${ENTRA_AUTHORITY}/common/discovery/v2.0/keys`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenant ids and object ids are GUIDs. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The v2.0 issuer of one tenant: what its tokens must carry in `iss`, and what OpenID discovery starts from. */
export function entraIssuerFor(tenantId: string): string {
  return `${ENTRA_AUTHORITY}/${tenantId.toLowerCase()}/v2.0`;
}

export interface EntraAccessTokenSettings {
  /** Sealpost's identifiers in Entra: the App ID URI (api://…) and the application (client) id. */
  audiences: string[];
  /** The delegated scope Sealpost exposes and the token must carry, e.g. `access_as_user`. */
  requiredScope: string;
  /** Client applications (`azp`) whose tokens are accepted; omitted means any. */
  authorizedClients?: string[];
  keys: JwksCache;
  /** Clock difference tolerated for `exp` and `nbf` (default 60 seconds). */
  clockSkewSeconds?: number;
  now?: () => number;
}

export interface EntraIdentity {
  tenantId: string;
  /** The user's object id in that tenant: the stable key for them. */
  objectId: string;
  subject: string;
  /** Usually the sign-in address; mutable, so for display and hints only. */
  preferredUsername: string | null;
  name: string | null;
  scopes: string[];
  /** The client application that asked for the token (`azp`), e.g. Outlook's. */
  clientAppId: string | null;
  /** Authentication methods (`amr`); Microsoft documents them for v1.0 tokens only, so normally empty (providerMfa.ts). */
  amr: string[];
}

export interface EntraAccessTokenVerifier {
  verify(token: string): Promise<EntraIdentity>;
}

export function entraAccessTokenVerifier(settings: EntraAccessTokenSettings): EntraAccessTokenVerifier {
  const skew = settings.clockSkewSeconds ?? 60;
  const now = settings.now ?? Date.now;
  const refuse = (check: TokenCheck): AppError => ssoErrors.accessTokenRejected(check);

  return {
    async verify(token) {
      if (typeof token !== 'string' || token.length > 16_384 || token.split('.').length !== 3) throw refuse('malformed');
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw refuse('malformed');
      }
      // Refusing every other algorithm first rules out `none` and HS256 signed with the public key.
      if (header.alg !== 'RS256') throw refuse('algorithm');
      if (typeof header.kid !== 'string' || header.kid === '') throw refuse('malformed');

      let published;
      try {
        published = await settings.keys.keyFor(header.kid);
      } catch (error) {
        if (error instanceof KeysUnavailableError) throw ssoErrors.keysUnavailable();
        throw error;
      }
      if (!published) throw refuse('unknown_key');

      let payloadBytes: Uint8Array;
      try {
        payloadBytes = (await compactVerify(token, published.key, { algorithms: ['RS256'] })).payload;
      } catch (error) {
        throw refuse(error instanceof joseErrors.JWSSignatureVerificationFailed ? 'signature' : 'malformed');
      }
      let claims: Record<string, unknown>;
      try {
        claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)) as Record<string, unknown>;
      } catch {
        throw refuse('malformed');
      }
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw refuse('malformed');

      const seconds = Math.floor(now() / 1000);
      if (typeof claims.exp !== 'number') throw refuse('claims');
      if (seconds > claims.exp + skew) throw refuse('expired');
      if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || seconds + skew < claims.nbf)) throw refuse('not_yet_valid');

      if (claims.ver !== '2.0') throw refuse('version');
      const tid = claims.tid;
      if (typeof tid !== 'string' || !isGuid(tid)) throw refuse('tenant');
      if (claims.iss !== `${ENTRA_AUTHORITY}/${tid}/v2.0`) throw refuse('issuer');
      if (published.issuer !== null && published.issuer.replace(/\{tenantid\}/i, tid) !== claims.iss) throw refuse('issuer');

      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.some((aud) => typeof aud === 'string' && settings.audiences.includes(aud))) throw refuse('audience');

      const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [];
      if (!scopes.includes(settings.requiredScope)) throw refuse('scope');
      if (settings.authorizedClients && !(typeof claims.azp === 'string' && settings.authorizedClients.includes(claims.azp.toLowerCase()))) {
        throw refuse('client');
      }
      if (typeof claims.oid !== 'string' || !isGuid(claims.oid) || typeof claims.sub !== 'string') throw refuse('claims');

      return {
        tenantId: tid.toLowerCase(),
        objectId: claims.oid.toLowerCase(),
        subject: claims.sub,
        preferredUsername: typeof claims.preferred_username === 'string' ? claims.preferred_username : null,
        name: typeof claims.name === 'string' ? claims.name : null,
        scopes,
        clientAppId: typeof claims.azp === 'string' ? claims.azp : null,
        amr: Array.isArray(claims.amr) ? claims.amr.filter((method): method is string => typeof method === 'string').slice(0, 20) : [],
      };
    },
  };
}
