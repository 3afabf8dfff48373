/**
 * How the portal talks to the API: same-origin cookies, the CSRF cookie echoed as X-CSRF-Token on changes, one
 * silent refresh when the access cookie has run out (401), and back to /login (returning here) when that fails too.
 * Failures become a PortalProblem carrying the server's `detail` sentence and the rest of its problem answer.
 */
import { csrfToken } from '../../shared/csrf';
import { ApiProblem } from '../../shared/api';

export class PortalProblem extends ApiProblem {
  constructor(
    status: number,
    code: string,
    detail: string,
    /** The whole problem answer: some carry more, e.g. `recipients` for unconfirmed_recipients. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(status, code, detail);
  }
}

export const UNREACHABLE = 'We could not reach Sealpost. Check your internet connection and try again.';
const UNEXPECTED = 'Something went wrong on our side. Try again in a moment.';
const SIGNED_OUT = 'Your sign-in has expired. Taking you to the sign-in page…';

const CHANGES = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

function withCsrf(init: RequestInit): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  const csrf = csrfToken();
  if (CHANGES.has(method) && csrf) headers.set('x-csrf-token', csrf);
  return { ...init, headers, credentials: 'same-origin' };
}

/** Several requests may find the access cookie expired at once: they share one refresh. */
let refreshing: Promise<boolean> | null = null;

function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(
    '/api/v1/auth/refresh',
    withCsrf({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{}' }),
  )
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => setTimeout(() => (refreshing = null), 0));
  return refreshing;
}

/** The sign-in page, told to bring the person back to where they were. */
export function signInUrl(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return `/login?next=${encodeURIComponent(here)}`;
}

function sendToSignIn(): never {
  window.location.assign(signInUrl());
  throw new PortalProblem(401, 'signed_out', SIGNED_OUT);
}

/** fetch with cookies and CSRF; a 401 refreshes the session once and repeats the request. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = async () => {
    try {
      return await fetch(path, withCsrf(init));
    } catch {
      throw new PortalProblem(0, 'network_error', UNREACHABLE);
    }
  };
  const first = await attempt();
  if (first.status !== 401) return first;
  if (!(await refreshSession())) sendToSignIn();
  const second = await attempt();
  if (second.status === 401) sendToSignIn();
  return second;
}

/** The problem an error answer describes; a proxy's error page or an empty body gets the generic sentence. */
export async function problemOf(res: Response): Promise<PortalProblem> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await res.json();
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  const code = typeof body.code === 'string' ? body.code : res.status === 404 ? 'not_found' : 'unexpected';
  const detail = typeof body.detail === 'string' && body.detail ? body.detail : UNEXPECTED;
  return new PortalProblem(res.status, code, detail, body);
}

/** A JSON request; answers without a body (204) resolve to undefined. */
export async function requestJson<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await apiFetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new PortalProblem(res.status, 'unexpected', UNEXPECTED);
  }
}

/** Any failure as a problem with a sentence for people (code bugs included). */
export function asProblem(err: unknown): PortalProblem {
  if (err instanceof PortalProblem) return err;
  if (err instanceof ApiProblem) return new PortalProblem(err.status, err.code, err.message);
  return new PortalProblem(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.');
}
