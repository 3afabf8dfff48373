/**
 * When the portal's access ends mid-task (the member was removed, the account blocked, or the session ended by
 * someone else), the request layer reports it here once, and the portal replaces whatever it showed with a page
 * that says why, instead of dropping the person on a bare sign-in page.
 */
import type { ApiError } from '@contract/client';

export type AccessEnd =
  | { kind: 'revoked'; sentence: string; organizationName: string | null }
  | { kind: 'blocked'; sentence: string }
  | { kind: 'signedOut'; sentence: string };

type Listener = (end: AccessEnd) => void;
let listener: Listener | null = null;
let ended: AccessEnd | null = null;

/** The portal listens once; an end reported before it listens is handed over when it does. */
export function onAccessEnded(fn: Listener): () => void {
  listener = fn;
  if (ended) fn(ended);
  return () => {
    if (listener === fn) listener = null;
  };
}

/** What an answer says about access having ended, if anything. */
export function accessEndOf(problem: ApiError): AccessEnd | null {
  const body = (problem.body ?? {}) as Record<string, unknown>;
  if (problem.code === 'access_revoked') {
    return { kind: 'revoked', sentence: problem.message, organizationName: typeof body.organizationName === 'string' ? body.organizationName : null };
  }
  if (problem.code === 'account_blocked') return { kind: 'blocked', sentence: problem.message };
  // a session ended by a decision (a manager, a password reset) says so; one that merely ran out does not
  if (problem.code === 'session_revoked' && typeof body.reason === 'string') return { kind: 'signedOut', sentence: problem.message };
  return null;
}

export function reportAccessEnded(end: AccessEnd): void {
  ended ??= end;
  listener?.(ended);
}
