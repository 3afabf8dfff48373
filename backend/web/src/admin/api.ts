/**
 * The admin page's calls to the backend, on the pages' fetch core (cookies, CSRF, problems as ApiProblems). An
 * expired access token is renewed once with the refresh cookie; a sign-in that cannot be renewed sends the person
 * to the sign-in page.
 */
import type { ErrorCode } from '@contract/errors';
import { problemOf, readAnswer } from '@contract/client';
import { pageFetch, type ApiProblem } from '../shared/api';

/** Answers that mean "sign in again" rather than "you may not". */
const SIGNED_OUT = new Set<ApiProblem['code']>(['unauthenticated', 'invalid_token', 'session_revoked', 'invalid_refresh_token', 'refresh_token_reused'] satisfies ErrorCode[]);

export const LOGIN_URL = '/login?next=/admin';

/** A file sent as the raw request body (a logo), rather than JSON. */
export class RawBody {
  constructor(readonly blob: Blob) {}
}

function send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response> {
  return pageFetch.send(method, path, { ...(body instanceof RawBody ? { bytes: body.blob } : { body }), ...(headers ? { headers } : {}) });
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

export async function request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  let res = await send(method, path, body, headers);
  if (res.status === 401) {
    const problem = await problemOf(res.clone());
    if (SIGNED_OUT.has(problem.code) && (await refreshSession())) res = await send(method, path, body, headers);
  }
  if (res.status === 401) {
    const problem = await problemOf(res.clone());
    if (SIGNED_OUT.has(problem.code)) signedOut();
  }
  return (await readAnswer<T>(res)).body;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
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
