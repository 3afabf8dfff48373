/**
 * The one small fetch core under every client of the API (the add-in's runtimes, the admin page, the portal and
 * the registration page): JSON in and out, a bearer token (add-in) or same-origin cookies with the CSRF header on
 * changes (pages), a time limit, and every failure as one ApiError carrying the backend's stable code and its
 * sentence for people. It uses only fetch, Promise and setTimeout (the add-in's JavaScript-only runtime has little
 * else) and imports no zod at run time, so clients pay nothing for the contract's schemas.
 */
import type { ErrorCode } from './errors';

/** Codes a client makes up itself, when no problem answer came. */
export type ClientErrorCode = 'network_error' | 'timeout' | 'server_error' | 'unexpected' | 'signed_out' | 'download_incomplete' | 'foreign_origin';

export const UNREACHABLE = 'Sealpost cannot be reached. Check your internet connection and try again.';
const TOO_SLOW = 'Sealpost took too long to answer. Try again.';
const SERVER_FAILED = 'Sealpost had a problem on its side. Try again in a moment.';
const UNEXPECTED = 'Something went wrong on our side. Try again in a moment.';
const FOREIGN = 'Sealpost was asked to send this request to another site, and did not. Reload and try again.';

/** What a path is resolved against where there is no page (the add-in's JavaScript-only runtime, tests). */
const NO_PAGE = 'http://sealpost.invalid/';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when no answer came (network failure or time limit). */
    readonly status: number,
    /** The backend's stable code, or one the client made up (network_error, timeout…). */
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** The whole problem answer: some carry more, e.g. `recipients` for unconfirmed_recipients. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** No answer from Sealpost at all. */
  get unreachable(): boolean {
    return this.status === 0 && (this.code === 'network_error' || this.code === 'timeout');
  }

  /** Addresses named by recipient problems (e.g. unconfirmed_recipients). */
  get recipients(): string[] {
    const named = this.body.recipients;
    return Array.isArray(named) ? named.filter((r): r is string => typeof r === 'string') : [];
  }
}

export interface FetchCoreOptions {
  /** Where the API lives, e.g. https://sealpost.example.com; empty for the pages' own origin. */
  baseUrl?: string;
  /** bearer: tokens per call, never cookies (the add-in); cookie: same-origin cookies and the CSRF header (pages). */
  auth: 'bearer' | 'cookie';
  /** The CSRF token to echo on changes (cookie clients). */
  csrfToken?: () => string | undefined;
  fetch?: typeof fetch;
  /** Per request; none when omitted. */
  timeoutMs?: number;
}

export interface CallOptions {
  /** The bearer token (bearer clients). */
  token?: string | null;
  /** A JSON body. */
  body?: unknown;
  /** Raw bytes (upload chunks, a logo), sent as they are with their content type. */
  bytes?: Uint8Array | Blob;
  headers?: Record<string, string>;
  /** Cancels the call (a long upload or download the person stopped). */
  signal?: AbortSignal;
}

export interface Answer<T> {
  status: number;
  body: T;
  header(name: string): string | null;
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createFetchCore(options: FetchCoreOptions) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const page = typeof location !== 'undefined' && location.href ? location.href : NO_PAGE;

  /**
   * The address a path goes to, only ever on the API's origin: the token and the CSRF header go with every call,
   * so an absolute or protocol-relative path (a Location header, a link in an answer) to another host is refused
   * before anything is sent. The check is made on the string fetch gets, resolved as fetch resolves it.
   */
  function urlFor(path: string): string {
    let url: string | null = null;
    try {
      const api = new URL(baseUrl || '/', page);
      // a plain path keeps the base's own path prefix; anything else (absolute, //host, /\host) resolves as fetch would
      const plainPath = /^\/(?![/\\])/.test(path);
      const target = plainPath ? new URL(`${baseUrl}${path}`, page) : new URL(path, api);
      if (target.origin === api.origin) url = plainPath ? `${baseUrl}${path}` : target.href;
    } catch {
      // an address that does not parse goes nowhere
    }
    if (url === null) throw new ApiError(0, 'foreign_origin', FOREIGN);
    return url;
  }

  /** The raw answer; only a network failure or the time limit throws. */
  async function send(method: string, path: string, call: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.auth === 'bearer' && call.token) headers.authorization = `Bearer ${call.token}`;
    const csrf = options.auth === 'cookie' && CHANGES.has(method.toUpperCase()) ? options.csrfToken?.() : undefined;
    if (csrf) headers['x-csrf-token'] = csrf;
    let body: BodyInit | undefined;
    if (call.bytes) {
      body = call.bytes as unknown as BodyInit;
      headers['content-type'] = (typeof Blob !== 'undefined' && call.bytes instanceof Blob && call.bytes.type) || 'application/octet-stream';
    } else if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    Object.assign(headers, call.headers);
    const url = urlFor(path);
    // Bearer clients never send cookies and keep nothing in a cache; the pages use their origin's cookies.
    const init: RequestInit = options.auth === 'bearer'
      ? { method, headers, body, credentials: 'omit', cache: 'no-store', signal: call.signal }
      : { method, headers, body, credentials: 'same-origin', signal: call.signal };
    try {
      const answer = doFetch(url, init);
      return await (options.timeoutMs === undefined ? answer : withTimeout(answer, options.timeoutMs));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(0, 'network_error', UNREACHABLE);
    }
  }

  /** A JSON call: the parsed answer (undefined for 204), or the ApiError its problem answer describes. */
  async function request<T>(method: string, path: string, call: CallOptions = {}): Promise<Answer<T>> {
    return readAnswer<T>(await send(method, path, call));
  }

  return { baseUrl, send, request };
}

export type FetchCore = ReturnType<typeof createFetchCore>;

/** The answer of a call that succeeded, parsed; a failed one becomes the ApiError its problem answer describes. */
export async function readAnswer<T>(res: Response): Promise<Answer<T>> {
  if (!res.ok) throw await problemOf(res);
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'unexpected', UNEXPECTED);
  }
  return { status: res.status, body: body as T, header: (name) => res.headers.get(name) };
}

/** The problem an error answer describes; a proxy's error page or an empty body gets a generic sentence. */
export async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await res.text());
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // not JSON: a proxy's page
  }
  const code = typeof body.code === 'string' ? (body.code as ErrorCode) : res.status === 404 ? 'not_found' : res.status >= 500 ? 'server_error' : 'unexpected';
  const detail = typeof body.detail === 'string' && body.detail ? body.detail : res.status >= 500 ? SERVER_FAILED : UNEXPECTED;
  return new ApiError(res.status, code, detail, body);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError(0, 'timeout', TOO_SLOW)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
