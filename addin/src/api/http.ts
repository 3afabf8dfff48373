/**
 * HTTP to the Sealpost API from every add-in runtime (task pane, sign-in dialog, and the Smart Alerts handler in
 * classic Outlook's JavaScript-only runtime): the contract's fetch core with absolute URLs, bearer tokens, never
 * cookies, and a time limit per request.
 */
import { ApiError, createFetchCore, type Answer, type CallOptions } from '@contract/client';

export { ApiError };

export interface HttpOptions {
  /** Where the API lives, e.g. https://sealpost.example.com (no trailing slash needed). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request; the Smart Alerts handler must finish in reasonable time. */
  timeoutMs?: number;
}

export type RequestOptions = CallOptions;
export type HttpAnswer<T> = Answer<T>;

export interface Http {
  readonly baseUrl: string;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer<T>>;
}

export function createHttp(options: HttpOptions): Http {
  return createFetchCore({ auth: 'bearer', baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: options.timeoutMs ?? 20_000 });
}
