/**
 * The vocabulary of the authorization matrix: what a cell expects, how a row makes its call, and how a cell is judged.
 * Rows live beside this file, one file per area; authorization.matrix.test.ts runs every route × persona.
 */
import type { TestEntra } from '../../testing/entraTokens';
import type { Cast } from '../../testing/members';
import { PERSONAS, type Persona, type Personas } from '../../testing/personas';
import type { TestServer } from '../../testing/testServer';

/**
 * ok: 2xx. allowed: past authorization (any answer but 401, 403, 404 or 5xx). forbidden: 403. denied: 401 or 403
 * (a dead session). refused: 403 or 404 (someone else's thing). wrong_code / bad_challenge: the 401 that judges the
 * 2-step code or challenge itself, i.e. the caller got past who-may-call.
 */
export type Expect = 'ok' | 'allowed' | 'forbidden' | 'denied' | 'refused' | 'not_found' | 'unauthenticated' | 'wrong_code' | 'bad_challenge';

/** One call of a row. `token` replaces the persona's standing token (a call that signs out uses a fresh session). */
export interface Call {
  path: string;
  body?: unknown;
  token?: string;
  /** Request headers besides the persona's token (an Idempotency-Key). */
  headers?: Record<string, string>;
  /** A body that is not JSON (upload chunks, images), sent as given with these headers. */
  raw?: { bytes: Buffer; headers: Record<string, string> };
}

export interface Row {
  /** Makes a fresh subject for this one call and says how to call it. */
  call: (persona: Persona) => Promise<Call>;
  expect: Record<Persona, Expect>;
}

export interface MatrixContext {
  t: TestServer;
  personas: Personas;
  cast: Cast;
  /** Microsoft's keys on loopback, which the server trusts for Sealpost's Entra app (testing/entraTokens.ts). */
  entra?: TestEntra;
}

export type Rows = Record<string, Row>;

/**
 * Everyone expects `e`, except what `overrides` says; a blocked member is refused like a removed one unless a row
 * says otherwise, since both hold a session that no longer counts.
 */
export function everyone(e: Expect, overrides: Partial<Record<Persona, Expect>> = {}): Record<Persona, Expect> {
  const expect = Object.fromEntries(PERSONAS.map((p) => [p, overrides[p] ?? e])) as Record<Persona, Expect>;
  if (overrides.removed && !overrides.blocked) expect.blocked = overrides.removed;
  return expect;
}

/** Any live member of any organization; dead sessions and nobody are turned away. */
export const signedIn = (e: Expect, overrides: Partial<Record<Persona, Expect>> = {}) =>
  everyone(e, { removed: 'denied', anonymous: 'unauthenticated', ...overrides });
export const managers = (other: Expect) =>
  everyone('forbidden', { admin: 'ok', userManager: 'ok', removed: 'denied', otherOrg: other, anonymous: 'unauthenticated' });
export const adminsOnly = (other: Expect) => ({ ...managers(other), userManager: 'forbidden' as Expect });

export function matches(status: number, code: string | undefined, expected: Expect): boolean {
  switch (expected) {
    case 'wrong_code':
      return status === 401 && code === 'invalid_two_step_code';
    case 'bad_challenge':
      return status === 401 && code === 'invalid_challenge';
    case 'ok':
      return status >= 200 && status < 300;
    case 'allowed':
      return ![401, 403, 404].includes(status) && status < 500;
    case 'forbidden':
      return status === 403;
    case 'denied':
      return status === 401 || status === 403;
    case 'refused':
      return status === 403 || status === 404;
    case 'not_found':
      return status === 404;
    case 'unauthenticated':
      return status === 401;
  }
}

/** Answers other than these may change data; a refusal never does. */
export const isRefusal = (expected: Expect) => expected !== 'ok' && expected !== 'allowed';

let cellCount = 0;

/** Sends one cell's call; each cell comes from its own address so per-address throttling never decides a cell. */
export async function sendCall(t: TestServer, method: string, call: Call, token: string | undefined) {
  cellCount += 1;
  const ip = `192.0.2.${(cellCount % 250) + 1}`;
  if (call.raw) {
    const res = await fetch(`${t.url}${call.path}`, {
      method,
      headers: { ...call.raw.headers, ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-forwarded-for': ip },
      body: new Uint8Array(call.raw.bytes),
    });
    const text = await res.text();
    let body: { code?: string } | undefined;
    try {
      body = text ? (JSON.parse(text) as { code?: string }) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  }
  const hasBody = !(method === 'GET' || method === 'HEAD' || method === 'DELETE');
  return t.api(method, call.path, { token, body: call.body ?? (hasBody ? {} : undefined), ip, ...(call.headers ? { headers: call.headers } : {}) });
}
