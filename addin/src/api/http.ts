/**
 * HTTP to the Sealpost API from every add-in runtime (task pane, sign-in dialog, and the Smart Alerts handler in
 * classic Outlook's JavaScript-only runtime): absolute URLs, bearer tokens, never cookies, a time limit per
 * request, and one error type carrying the backend's stable code and its sentence for people.
 * Only fetch, Promise and setTimeout are used, because the JavaScript-only runtime has little else.
 */

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when no answer came (network failure or time limit). */
    readonly status: number,
    /** The backend's stable code, or network_error / timeout / bad_answer. */
    readonly code: string,
    message: string,
    /** Addresses named by recipient problems (e.g. unconfirmed_recipients). */
    readonly recipients: string[] = [],
  ) {
    super(message);
  }

  /** No answer from Sealpost at all: the send must stop, and the sender should try again. */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface HttpOptions {
  /** Where the API lives, e.g. https://sealpost.example.com (no trailing slash needed). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request; the Smart Alerts handler must finish in reasonable time. */
  timeoutMs?: number;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Raw bytes (upload chunks); sent as they are instead of JSON. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
  header(name: string): string | null;
}

export interface Http {
  readonly baseUrl: string;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer<T>>;
}

const UNREACHABLE = 'Sealpost could not be reached. Check the connection and try again.';

export function createHttp(options: HttpOptions): Http {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, req: RequestOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    let body: BodyInit | undefined;
    if (req.bytes) body = req.bytes as unknown as BodyInit;
    else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    Object.assign(headers, req.headers);
    const url = /^https?:\/\//.test(path) ? path : `${baseUrl}${path}`;

    let res: Response;
    try {
      res = await withTimeout(doFetch(url, { method, headers, body, credentials: 'omit', cache: 'no-store' }), timeoutMs);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(0, 'network_error', UNREACHABLE);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw problemOf(res.status, parsed);
    return { status: res.status, body: parsed as T, header: (name) => res.headers.get(name) };
  }

  return { baseUrl, request };
}

function problemOf(status: number, parsed: unknown): ApiError {
  const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as { code?: unknown; detail?: unknown; recipients?: unknown };
  const code = typeof problem.code === 'string' ? problem.code : status >= 500 ? 'server_error' : 'bad_answer';
  const detail =
    typeof problem.detail === 'string' && problem.detail
      ? problem.detail
      : status >= 500
        ? 'Sealpost had a problem on its side. Try again in a moment.'
        : `Sealpost refused the request (HTTP ${status}).`;
  const recipients = Array.isArray(problem.recipients) ? problem.recipients.filter((r): r is string => typeof r === 'string') : [];
  return new ApiError(status, code, detail, recipients);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError(0, 'timeout', 'Sealpost took too long to answer. Try again.')), ms);
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
