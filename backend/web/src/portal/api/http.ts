/**
 * How the portal talks to the API, on the pages' fetch core (cookies, the CSRF header on changes, problems with
 * the server's `detail` sentence and the rest of its problem answer): one silent refresh when the access cookie
 * has run out (401), and back to /login (returning here) when that fails too, unless access ended by a decision
 * (accessEnded.ts), which the portal explains on a page of its own.
 */
import { ApiError, UNREACHABLE, problemOf, readAnswer } from '@contract/client';
import { pageFetch } from '../../shared/api';
import { accessEndOf, reportAccessEnded } from './accessEnded';

/** The portal's failures: the fetch core's ApiError, whose `body` is the whole problem answer. */
export { ApiError as PortalProblem, UNREACHABLE, problemOf };

const SIGNED_OUT = 'Your sign-in has expired. Taking you to the sign-in page…';

/** Several requests may find the access cookie expired at once: they share one refresh (its answer, null if unreachable). */
let refreshing: Promise<Response | null> | null = null;

function refreshSession(): Promise<Response | null> {
  refreshing ??= pageFetch
    .send('POST', '/api/v1/auth/refresh', { body: {} })
    .catch(() => null)
    .finally(() => setTimeout(() => (refreshing = null), 0));
  return refreshing.then((res) => res?.clone() ?? null);
}

/** The sign-in page, told to bring the person back to where they were. */
export function signInUrl(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return `/login?next=${encodeURIComponent(here)}`;
}

function sendToSignIn(): never {
  window.location.assign(signInUrl());
  throw new ApiError(401, 'signed_out', SIGNED_OUT);
}

/** Access ended by a decision (removed, blocked, signed out by someone): the portal shows why, not the sign-in page. */
async function stopIfEnded(res: Response): Promise<void> {
  if (res.status !== 401 && res.status !== 403) return;
  const problem = await problemOf(res.clone());
  const end = accessEndOf(problem);
  if (!end) return;
  reportAccessEnded(end);
  throw new ApiError(res.status, 'signed_out', end.sentence);
}

/**
 * A call with cookies and CSRF; a 401 refreshes the session once and repeats the request. When access has ended
 * (403 access_revoked or account_blocked, here or on the refresh; a session someone else ended), the portal is told.
 */
export async function apiFetch(method: string, path: string, call: Parameters<typeof pageFetch.send>[2] = {}): Promise<Response> {
  const first = await pageFetch.send(method, path, call);
  if (first.status === 403) await stopIfEnded(first);
  if (first.status !== 401) return first;
  const refreshed = await refreshSession();
  if (!refreshed?.ok) {
    if (refreshed) await stopIfEnded(refreshed);
    await stopIfEnded(first);
    sendToSignIn();
  }
  const second = await pageFetch.send(method, path, call);
  if (second.status === 403) await stopIfEnded(second);
  if (second.status === 401) sendToSignIn();
  return second;
}

/** A JSON request; answers without a body (204) resolve to undefined. */
export async function requestJson<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return (await readAnswer<T>(await apiFetch(method, path, { body, headers }))).body;
}

/** Any failure as a problem with a sentence for people (code bugs included). */
export function asProblem(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.');
}
