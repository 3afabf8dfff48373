/**
 * Sends a request exactly as given, over its own connection (node:http, no fetch normalizing the path or the body):
 * with Content-Length or chunked in pieces, and gives up after a bound so a hung server is a finding, not a hang.
 */
import http from 'node:http';
import type { FuzzRequest } from './requests';

export interface RawAnswer {
  /** 0 when no answer came: the connection broke or the bound passed. */
  status: number;
  ms: number;
  code?: string;
  text: string;
  error?: string;
}

export function sendRaw(baseUrl: string, req: FuzzRequest, options: { token?: string; ip?: string; giveUpMs?: number } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const headers: Record<string, string> = { ...req.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  if (req.body && req.framing === 'length') headers['content-length'] = String(req.body.length);
  if (req.body && req.framing === 'chunked') headers['transfer-encoding'] = 'chunked';

  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<RawAnswer, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, ms: elapsed() });
    };
    const request = http.request({ hostname, port, method: req.method, path: req.target, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('error', (error) => finish({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8'), error: `answer broke off: ${error.message}` }));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { code?: string }).code;
        } catch {
          code = undefined;
        }
        finish({ status: res.statusCode ?? 0, text, code });
      });
    });
    const timer = setTimeout(() => {
      finish({ status: 0, text: '', error: `no answer within ${options.giveUpMs ?? 10_000} ms` });
      request.destroy();
    }, options.giveUpMs ?? 10_000);
    // A server that refuses a body may close while it is still being sent: its answer may yet arrive, so wait a moment.
    request.on('error', (error) => setTimeout(() => finish({ status: 0, text: '', error: `connection failed: ${error.message}` }), 200));
    if (!req.body) return void request.end();
    if (req.framing === 'length') return void request.end(req.body);
    // chunked: the body in three pieces, as a streaming client would send it
    const third = Math.ceil(req.body.length / 3) || 1;
    for (let at = 0; at < req.body.length; at += third) request.write(req.body.subarray(at, at + third));
    request.end();
  });
}
