/**
 * A provider's published signing keys (a JWKS), fetched once and kept: refreshed when they are older than a day, and
 * early when a token names a key we do not have (the provider rotated), but at most once per cooldown, so tokens with
 * made-up key ids cannot make us hammer the provider. A failed refresh keeps the keys we had.
 * Microsoft rotates its keys and suggests checking for new ones every 24 hours:
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-the-signature
 */
import { importJWK, type JWK } from 'jose';
import { providerFetch } from './providerFetch';

export interface PublishedKey {
  kid: string;
  key: CryptoKey | Uint8Array;
  /** Entra's keys say which issuer may use them (`https://login.microsoftonline.com/{tenantid}/v2.0`); null if not. */
  issuer: string | null;
}

export interface JwksCacheOptions {
  url: string;
  /** Keys older than this are fetched again before use (default 24 hours). */
  maxAgeMs?: number;
  /** At most one fetch for an unknown key id per this long (default 5 minutes). */
  unknownKeyCooldownMs?: number;
  timeoutMs?: number;
  /** Lets the key set live on loopback (embedded mode and tests); otherwise only public addresses are called. */
  allowLoopback?: boolean;
  now?: () => number;
}

/** The keys could not be fetched and none are cached. */
export class KeysUnavailableError extends Error {
  constructor(reason: string) {
    super(`the signing keys could not be fetched: ${reason}`);
    this.name = 'KeysUnavailableError';
  }
}

const MAX_JWKS_BYTES = 512 * 1024;
/** After a failed fetch, the next one waits this long, so an outage of the provider is not met with a storm. */
const FAILURE_RETRY_MS = 10_000;

export interface JwksCache {
  /** The key with this id, or null when the provider does not publish one. */
  keyFor(kid: string): Promise<PublishedKey | null>;
  /** How many times the keys were fetched (for tests and metrics). */
  readonly fetchCount: number;
}

export function jwksCache(options: JwksCacheOptions): JwksCache {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
  const cooldownMs = options.unknownKeyCooldownMs ?? 5 * 60 * 1000;
  let keys: Map<string, PublishedKey> | null = null;
  let fetchedAt = 0;
  let lastAttemptAt = -Infinity;
  let lastFailureAt = -Infinity;
  let inFlight: Promise<void> | null = null;
  let fetchCount = 0;
  const fetchKeys = providerFetch({ allowLoopback: options.allowLoopback === true, maxBytes: MAX_JWKS_BYTES, timeoutMs: options.timeoutMs ?? 5000 });

  async function load(): Promise<void> {
    lastAttemptAt = now();
    fetchCount += 1;
    // Size, time, redirects and the address are the guard's to refuse (providerFetch).
    const answer = await fetchKeys(options.url);
    if (!answer.ok) throw new KeysUnavailableError(`HTTP ${answer.status}`);
    const text = await answer.text();
    const body = JSON.parse(text) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new KeysUnavailableError('the answer holds no "keys" list');
    const fresh = new Map<string, PublishedKey>();
    for (const jwk of body.keys as (JWK & { issuer?: unknown })[]) {
      // Only RSA signing keys: Entra signs access tokens with RS256, and anything else here is not for us.
      if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      const { issuer, ...publicPart } = jwk;
      try {
        fresh.set(jwk.kid, { kid: jwk.kid, key: await importJWK(publicPart, 'RS256'), issuer: typeof issuer === 'string' ? issuer : null });
      } catch {
        // a key we cannot read cannot have signed a token we accept
      }
    }
    keys = fresh;
    fetchedAt = now();
  }

  /** One fetch at a time; callers arriving meanwhile wait for it. */
  function refresh(): Promise<void> {
    inFlight ??= load()
      .catch((error: unknown) => {
        lastFailureAt = now();
        if (keys === null) throw error instanceof KeysUnavailableError ? error : new KeysUnavailableError(String(error));
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    get fetchCount() {
      return fetchCount;
    },
    async keyFor(kid) {
      if (keys === null) {
        if (now() - lastFailureAt < FAILURE_RETRY_MS) throw new KeysUnavailableError('the last attempt failed moments ago');
        await refresh();
      } else if (now() - fetchedAt > maxAgeMs && now() - lastAttemptAt >= FAILURE_RETRY_MS) {
        // Old keys are refreshed; if the provider is down, the keys we have keep working meanwhile.
        await refresh();
      }
      const known = keys!.get(kid);
      if (known) return known;
      if (now() - lastAttemptAt < cooldownMs) return null;
      await refresh();
      return keys!.get(kid) ?? null;
    },
  };
}
