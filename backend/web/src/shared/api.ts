/**
 * The pages' calls to the backend on the same origin, on the contract's fetch core: session cookies, the CSRF
 * cookie echoed on changes, and every failure as an ApiProblem carrying the backend's stable code and its
 * `detail` sentence, so pages show a sentence a person can act on, never raw JSON.
 */
import { ApiError, createFetchCore } from '@contract/client';
import { csrfToken } from './csrf';

/** The one error type of the pages' calls (the fetch core's ApiError). */
export { ApiError as ApiProblem };

export const pageFetch = createFetchCore({ auth: 'cookie', csrfToken });

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await pageFetch.request<T>('POST', path, { body })).body;
}
