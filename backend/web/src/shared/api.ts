/**
 * JSON calls from the pages to the backend on the same origin. Every failure becomes an ApiProblem carrying the
 * backend's stable code and its `detail` sentence, so pages show a sentence a person can act on, never raw JSON.
 */
import { csrfToken } from './csrf';

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

const UNREACHABLE = 'We could not reach Sealpost. Check your internet connection and try again.';
const UNEXPECTED = 'Something went wrong on our side. Try again in a moment.';

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    const csrf = csrfToken();
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'network_error', UNREACHABLE);
  }
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    parsed = undefined;
  }
  if (res.ok && parsed !== undefined) return parsed as T;
  const problem = (parsed ?? {}) as { code?: unknown; detail?: unknown };
  const code = typeof problem.code === 'string' ? problem.code : res.status === 404 ? 'not_found' : 'unexpected';
  // A proxy's error page or an empty body is not a sentence for people: they get the generic one.
  const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : UNEXPECTED;
  throw new ApiProblem(res.status, code, detail);
}
