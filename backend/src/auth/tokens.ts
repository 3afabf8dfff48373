/**
 * Access tokens (short-lived HS256 JWTs naming the session and the active organization) and opaque tokens
 * (refresh tokens, emailed links): 256 random bits, stored only as SHA-256.
 */
import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { errors } from '../errors';

export const ISSUER = 'sealpost';
export const AUDIENCE = 'sealpost-api';
const ALGORITHMS: jwt.Algorithm[] = ['HS256'];

// jsonwebtoken turns a raw secret into a key object on every call, trying (and failing) to read it as a public
// key first; that was the largest single cost of an authenticated request. One key object per secret instead.
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyFor(secret: Buffer): KeyObject {
  let key = keyObjects.get(secret);
  if (!key) {
    key = createSecretKey(secret);
    keyObjects.set(secret, key);
  }
  return key;
}

export interface AccessClaims {
  sub: string; // account id
  sid: string; // session id
  org: string; // active organization id
}

export function signAccessToken(secret: Buffer, claims: AccessClaims, ttlSeconds: number): string {
  return jwt.sign({ ...claims, typ: 'access' }, keyFor(secret), {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    issuer: ISSUER,
    audience: AUDIENCE,
  });
}

// A client sends the same access token on every request until it expires, and checking it again proves nothing new:
// what a token verified under a secret says is remembered, keyed by the whole token, and used only while unexpired.
// Bounded: when full it is emptied, and tokens are simply verified again.
const REMEMBERED_MAX = 10_000;
const remembered = new WeakMap<Buffer, Map<string, { claims: AccessClaims; exp: number }>>();

/** Verifies signature, algorithm, issuer, audience, expiry and type; throws `invalid_token` otherwise. */
export function verifyAccessToken(secret: Buffer, token: string): AccessClaims {
  let known = remembered.get(secret);
  if (!known) {
    known = new Map();
    remembered.set(secret, known);
  }
  const hit = known.get(token);
  // The same expiry rule as jsonwebtoken: valid while the current whole second is before `exp`.
  if (hit && Math.floor(Date.now() / 1000) < hit.exp) return hit.claims;
  if (hit) known.delete(token);

  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, keyFor(secret), { algorithms: ALGORITHMS, issuer: ISSUER, audience: AUDIENCE });
  } catch {
    throw errors.invalidToken();
  }
  if (
    typeof payload !== 'object' ||
    payload.typ !== 'access' ||
    typeof payload.sub !== 'string' ||
    typeof payload.sid !== 'string' ||
    typeof payload.org !== 'string'
  ) {
    throw errors.invalidToken();
  }
  const claims: AccessClaims = Object.freeze({ sub: payload.sub, sid: payload.sid, org: payload.org });
  // Only tokens whose validity is a plain expiry are remembered (ours never carry nbf).
  if (typeof payload.exp === 'number' && payload.nbf === undefined) {
    if (known.size >= REMEMBERED_MAX) known.clear();
    known.set(token, { claims, exp: payload.exp });
  }
  return claims;
}

/** A fresh 256-bit token, URL-safe. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The CSRF token of a session: HMAC-SHA256 of its id under a key derived from the signing secret. Only the server
 * can make it, so a value planted in a cookie is worth nothing (see http/cookies.ts).
 */
export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  const key = createHmac('sha256', secret).update('sealpost/csrf/v1').digest();
  return createHmac('sha256', key).update(sessionId).digest('base64url');
}

/**
 * A browser where an account signed in before carries a device token: a random id and an HMAC binding it to the
 * account. Wrong passwords typed elsewhere do not slow it down (see http/rateLimit.ts).
 */
export function newDeviceToken(secret: Buffer, accountId: string): string {
  const id = randomBytes(16).toString('base64url');
  return `${id}.${deviceMac(secret, accountId, id)}`;
}

/** The device id when the token was made by this server for this account, else null. */
export function knownDeviceId(secret: Buffer, accountId: string, token: string | undefined): string | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return null;
  const expected = Buffer.from(deviceMac(secret, accountId, match[1]!));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]! : null;
}

function deviceMac(secret: Buffer, accountId: string, id: string): string {
  const key = createHmac('sha256', secret).update('sealpost/device/v1').digest();
  return createHmac('sha256', key).update(`${accountId}|${id}`).digest('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
