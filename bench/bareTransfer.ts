/**
 * A bare node:http server that moves bytes the way the upload benchmark does, with no authentication, encryption,
 * database or disk: PATCH reads a chunk and throws it away (answering the new Upload-Offset), GET ?bytes=N sends N
 * bytes. It runs inside the benchmark's server process, so against it the same client measures what loopback HTTP
 * alone allows on this machine, next to what Sealpost does.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

/** One random mebibyte, sent over and over: making fresh bytes would be work the transport does not do. */
const PIECE = randomBytes(1024 * 1024);

async function send(res: import('node:http').ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes) });
  for (let left = bytes; left > 0; left -= PIECE.length) {
    if (!res.write(left >= PIECE.length ? PIECE : PIECE.subarray(0, left))) await once(res, 'drain');
  }
  res.end();
}

export async function startBareTransferServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'PATCH') {
      let received = 0;
      req.on('data', (chunk: Buffer) => (received += chunk.length));
      req.on('end', () => {
        res.writeHead(204, { 'upload-offset': String(Number(req.headers['upload-offset'] ?? 0) + received) });
        res.end();
      });
      return;
    }
    const bytes = Number(new URL(req.url ?? '/', 'http://bare').searchParams.get('bytes') ?? 0);
    send(res, bytes).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
