/**
 * Requests over a bare socket, for tests that must control exactly what goes on the wire: chunked bodies, bodies
 * shorter or longer than their Content-Length, pauses, and connections dropped halfway. With a bound, a server that
 * never answers is a finding (status 0 and why), not a hang: the fuzz suite sends every request through here.
 */
import net from 'node:net';

export interface RawAnswer {
  /** 0 when no answer came: the server closed the connection without one, it broke, or the bound passed. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The `code` of a problem answer, if the body is one. */
  code?: string;
  /** From sending to the end of the answer (or giving up), in milliseconds. */
  ms: number;
  /** Why no answer came, when none did. */
  error?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Body pieces, written in order (each as one chunk when `chunked`). */
  pieces?: Buffer[];
  chunked?: boolean;
  /** Wait between pieces, in milliseconds. */
  pauseMs?: number;
  /** 'end' finishes the body (the terminating chunk when chunked); 'abort' drops the connection after the pieces. */
  finish?: 'end' | 'abort' | 'hold';
  /** Stop waiting for the answer after this long and close the connection; without it, wait for the server to close. */
  giveUpMs?: number;
}

function parseAnswer(raw: Buffer): Omit<RawAnswer, 'ms'> {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: '' };
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    for (let at = 0; ; ) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.slice(at, eol), 16);
      if (!(size > 0)) break;
      out += body.slice(eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    body = out;
  }
  body = Buffer.from(body, 'latin1').toString('utf8');
  let code: string | undefined;
  try {
    code = (JSON.parse(body) as { code?: string }).code;
  } catch {
    // not JSON
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body, code };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one request on its own connection and resolves with whatever the server answered before it closed. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const pieces = request.pieces ?? [];
  const headers: Record<string, string> = { host: '127.0.0.1', connection: 'close', ...request.headers };
  if (request.chunked) headers['transfer-encoding'] = 'chunked';
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = net.connect(Number(port), hostname);
    let settled = false;
    let failure: string | undefined;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(bound);
      const answer = parseAnswer(Buffer.concat(received));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve(answer.status > 0 ? { ...answer, ms } : { ...answer, ms, error: failure ?? 'the server closed the connection without an answer' });
    };
    const bound =
      request.giveUpMs === undefined
        ? undefined
        : setTimeout(() => {
            failure = `no answer within ${request.giveUpMs} ms`;
            done();
            socket.destroy();
          }, request.giveUpMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    // A server that refuses a body may close while it is still being sent; its answer is read until the close.
    socket.on('error', (error) => (failure = `connection failed: ${error.message}`));
    socket.on('close', done);
    const write = (data: Buffer | string) =>
      new Promise<void>((ok) => {
        if (socket.destroyed) return ok();
        socket.write(data, () => ok());
      });
    socket.once('connect', async () => {
      const head = [`${request.method} ${request.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''];
      await write(head.join('\r\n'));
      for (const piece of pieces) {
        if (request.pauseMs) await sleep(request.pauseMs);
        if (!request.chunked) await write(piece);
        else if (piece.length > 0) await write(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
      }
      const finish = request.finish ?? 'end';
      if (finish === 'abort') {
        // give the server a moment to read what was sent, as a real client that loses its network would
        await sleep(20);
        socket.destroy();
      } else if (finish === 'end' && request.chunked) {
        await write('0\r\n\r\n');
      }
    });
  });
}
