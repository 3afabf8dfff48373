/**
 * The admin page's calls to the backend. Session cookies carry the sign-in; changes echo the CSRF cookie in a
 * header. An expired access token is renewed once with the refresh cookie; a sign-in that cannot be renewed sends
 * the person to the sign-in page. Failures become ApiProblems carrying the backend's `detail` sentence.
 */
import { csrfToken } from '../shared/csrf';
import { ApiProblem } from '../shared/api';

const UNREACHABLE = 'We could not reach Sealpost. Check your internet connection and try again.';
const UNEXPECTED = 'Something went wrong on our side. Try again in a moment.';
/** Answers that mean "sign in again" rather than "you may not". */
const SIGNED_OUT = new Set(['unauthenticated', 'invalid_token', 'session_revoked', 'invalid_refresh_token', 'refresh_token_reused']);

export const LOGIN_URL = '/login?next=/admin';

/** A file sent as the raw request body (a logo), rather than JSON. */
export class RawBody {
  constructor(readonly blob: Blob) {}
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const csrf = csrfToken();
  const raw = body instanceof RawBody ? body.blob : null;
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': raw ? raw.type || 'application/octet-stream' : 'application/json' }),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
      },
      body: body === undefined ? undefined : raw ?? JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'network_error', UNREACHABLE);
  }
}

async function problemOf(res: Response): Promise<ApiProblem> {
  let parsed: { code?: unknown; detail?: unknown } = {};
  try {
    parsed = (await res.json()) as typeof parsed;
  } catch {
    // not JSON: a proxy's page
  }
  const code = typeof parsed.code === 'string' ? parsed.code : res.status === 404 ? 'not_found' : 'unexpected';
  const detail = typeof parsed.detail === 'string' && parsed.detail ? parsed.detail : UNEXPECTED;
  return new ApiProblem(res.status, code, detail);
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, shared by every request that found its token expired. */
function refreshSession(): Promise<boolean> {
  refreshing ??= send('POST', '/api/v1/auth/refresh', {})
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The sign-in is gone for good (expired, signed out elsewhere, removed): start again at the sign-in page. */
function signedOut(): void {
  window.location.assign(LOGIN_URL);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 401) {
    const problem = await problemOf(res.clone());
    if (SIGNED_OUT.has(problem.code) && (await refreshSession())) res = await send(method, path, body);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiProblem(res.status, 'unexpected', UNEXPECTED);
    }
  }
  const problem = await problemOf(res);
  if (res.status === 401 && SIGNED_OUT.has(problem.code)) signedOut();
  throw problem;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
  putFile: <T>(path: string, file: Blob) => request<T>('PUT', path, new RawBody(file)),
};

/** A query string from the values that are set. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
