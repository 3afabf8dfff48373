/** Test shortcuts for uploads and downloads over real HTTP, including requests cut off halfway on purpose. */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { ApiResponse, TestServer } from '../../testing/testServer';

export const SEGMENT = 64 * 1024;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export function createUpload(t: TestServer, token: string, body: Record<string, unknown>): Promise<ApiResponse> {
  return t.api('POST', '/api/v1/uploads', { token, body });
}

export async function patchChunk(
  t: TestServer,
  token: string,
  fileId: string,
  offset: number | string,
  bytes: Buffer,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(`${t.url}/api/v1/uploads/${fileId}`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'tus-resumable': '1.0.0',
      ...headers,
    },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Uploads `data` in chunks of `chunkSize`, resuming each time from the Upload-Offset the server answers. */
export async function uploadBytes(
  t: TestServer,
  token: string,
  data: Buffer,
  options: { name?: string; contentType?: string; chunkSize?: number } = {},
): Promise<string> {
  const created = await createUpload(t, token, { name: options.name ?? 'report.pdf', size: data.length, contentType: options.contentType });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
  let offset = 0;
  while (offset < data.length) {
    const chunk = data.subarray(offset, offset + (options.chunkSize ?? data.length));
    const res = await patchChunk(t, token, created.body.id, offset, chunk);
    if (res.status !== 204) throw new Error(`PATCH at ${offset} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const next = Number(res.headers.get('upload-offset'));
    if (next <= offset) throw new Error(`PATCH at ${offset} made no progress`);
    offset = next;
  }
  return created.body.id as string;
}

export async function download(t: TestServer, token: string, fileId: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(`${t.url}/api/v1/files/${fileId}/content`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** A download read byte by byte as it arrives: what came before the connection ended, and whether it ended early. */
export function downloadAsReceived(t: TestServer, token: string, fileId: string): Promise<{ status: number; received: Buffer; cutOff: boolean }> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let status = 0;
    const done = (cutOff: boolean) => resolve({ status, received: Buffer.concat(parts), cutOff });
    const req = http.get(`${t.url}/api/v1/files/${fileId}/content`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => done(!res.complete));
      res.on('error', () => done(true));
      res.on('aborted', () => undefined);
    });
    req.on('error', () => done(true));
  });
}

/**
 * Starts a PATCH that declares `declared` bytes, sends only `bytes`, and drops the connection once they are
 * handed to the network: what a client losing its connection mid-upload looks like to the server.
 */
export function cutOffPatch(t: TestServer, token: string, fileId: string, offset: number, declared: number, bytes: Buffer): Promise<void> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      const head = [
        `PATCH /api/v1/uploads/${fileId} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/offset+octet-stream',
        `Upload-Offset: ${offset}`,
        'Tus-Resumable: 1.0.0',
        `Content-Length: ${declared}`,
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      socket.write(bytes, () => {
        socket.end();
        resolve();
      });
    });
    socket.on('error', reject);
    socket.on('data', () => undefined);
  });
}

/**
 * The offset once the server has finished with a cut-off PATCH: it records progress segment by segment, in its own
 * time, and how much of a dropped connection's last bytes it still saw depends on timing; so wait until the offset
 * has held still for half a second. `before` is the offset the PATCH started from.
 */
export async function offsetAfter(t: TestServer, token: string, fileId: string, before: number): Promise<number> {
  let last = before;
  let stableSince = Date.now();
  for (;;) {
    const res = await t.api('HEAD', `/api/v1/uploads/${fileId}`, { token });
    const offset = Number(res.headers.get('upload-offset'));
    if (res.status === 200 && offset !== last) {
      last = offset;
      stableSince = Date.now();
    } else if (res.status === 200 && Date.now() - stableSince >= 500) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Bytes that differ everywhere, so a misplaced byte cannot go unnoticed. */
export function randomData(size: number): Buffer {
  return randomBytes(size);
}
