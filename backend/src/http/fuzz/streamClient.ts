/**
 * A client that misbehaves on the wire: it writes the request head and body pieces over a bare socket, pauses
 * between pieces, lies about lengths, breaks chunked framing, hangs up halfway, or stops reading the answer.
 */
import net from 'node:net';

export interface WireAnswer {
  /** 0 when no status line came back. */
  status: number;
  /** Whether the server closed the connection (or it was closed) before the bound. */
  closed: boolean;
  bytes: number;
}

export interface WirePlan {
  method: string;
  path: string;
  headers: Record<string, string>;
  pieces: Buffer[];
  /** Pause before each piece, in ms. */
  pauseMs?: number;
  /** Hang up right after the last piece, without waiting for an answer. */
  hangUp?: boolean;
  /** Read nothing of the answer for this long before reading it (a slow reader). */
  stallReadMs?: number;
  /** Stop waiting for the answer after this long. */
  giveUpMs?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function chunkedFrame(piece: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
}
export const LAST_CHUNK = Buffer.from('0\r\n\r\n');

export async function exchange(baseUrl: string, plan: WirePlan): Promise<WireAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  const received: Buffer[] = [];
  let closed = false;
  const ended = new Promise<void>((resolve) => {
    socket.on('close', () => {
      closed = true;
      resolve();
    });
  });
  socket.on('error', () => undefined);
  if (plan.stallReadMs) socket.pause();
  socket.on('data', (data: Buffer) => received.push(data));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const head = [`${plan.method} ${plan.path} HTTP/1.1`, `Host: ${hostname}`, 'Connection: close', ...Object.entries(plan.headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  socket.write(head);
  for (const piece of plan.pieces) {
    if (plan.pauseMs) await pause(plan.pauseMs);
    if (closed) break;
    socket.write(piece);
  }
  if (plan.hangUp) {
    await new Promise<void>((resolve) => socket.end(() => resolve()));
    socket.destroy();
    return { status: 0, closed: true, bytes: 0 };
  }
  if (plan.stallReadMs) {
    await pause(plan.stallReadMs);
    socket.resume();
  }
  let bound: NodeJS.Timeout | undefined;
  await Promise.race([ended, new Promise((resolve) => (bound = setTimeout(resolve, plan.giveUpMs ?? 10_000)))]);
  clearTimeout(bound);
  socket.destroy();
  const text = Buffer.concat(received).toString('latin1');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  return { status, closed, bytes: text.length };
}
