/**
 * Every connection has a time limit, so that no one, signed in or not, can hold connections by sending a request
 * slowly or not at all: headers must arrive within HEADERS_TIMEOUT_SECONDS, a whole request within
 * REQUEST_TIMEOUT_SECONDS, and no connection may sit silent mid-request longer than IDLE_TIMEOUT_SECONDS.
 * Upload chunks may take longer in total (a large chunk on a slow link), so they opt out of the request deadline;
 * their own watchdog cuts them off after UPLOAD_IDLE_SECONDS without a byte.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import { errors } from '../errors';

type Timeouts = Pick<Config, 'requestTimeoutSeconds' | 'headersTimeoutSeconds' | 'idleTimeoutSeconds' | 'uploadIdleSeconds'>;

/** The server's own limits: the header deadline and the idle limit. The request deadline is `requestDeadline`'s. */
export function applyConnectionTimeouts(server: Server, config: Timeouts): void {
  server.headersTimeout = config.headersTimeoutSeconds * 1000;
  server.timeout = config.idleTimeoutSeconds * 1000;
  // Node's requestTimeout cannot spare one route, and upload chunks need sparing; requestDeadline does its work.
  server.requestTimeout = 0;
}

const deadlines = new WeakMap<IncomingMessage, NodeJS.Timeout>();

/** Written straight to the socket, as Node does for its own timeouts: the route may still be busy with `res`. */
function requestTimeoutAnswer(seconds: number): Buffer {
  const err = errors.requestTimeout(seconds);
  const body = JSON.stringify({ type: `https://sealpost.dev/problems/${err.code}`, status: err.status, code: err.code, detail: err.message });
  const head = `HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.from(head + body);
}

/**
 * Closes the connection of a request whose body has not fully arrived within REQUEST_TIMEOUT_SECONDS, answering 408
 * when nothing was answered yet. The body may be unread on purpose (a refused request): it still has to arrive.
 */
export function requestDeadline(config: Timeouts): RequestHandler {
  const answer = requestTimeoutAnswer(config.requestTimeoutSeconds);
  return (req, res, next) => {
    if (req.complete) return next();
    const timer = setTimeout(() => {
      deadlines.delete(req);
      if (req.complete) return;
      const socket = req.socket;
      if (!res.headersSent && socket.writable) socket.write(answer);
      socket.destroy();
    }, config.requestTimeoutSeconds * 1000);
    timer.unref();
    deadlines.set(req, timer);
    const clear = () => {
      clearTimeout(timer);
      deadlines.delete(req);
    };
    req.once('end', clear);
    req.once('close', clear);
    next();
  };
}

/**
 * For a body guarded by its own idle watchdog (an upload chunk): lifts the request deadline, and widens the idle
 * limit past UPLOAD_IDLE_SECONDS so that the watchdog, which keeps the whole segments received, acts first.
 */
export function allowLongBody(req: IncomingMessage, config: Timeouts): void {
  clearTimeout(deadlines.get(req));
  deadlines.delete(req);
  req.socket.setTimeout((config.uploadIdleSeconds + config.idleTimeoutSeconds) * 1000);
}
