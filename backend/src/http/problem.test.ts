/**
 * The one error handler turns every error its library marks as the client's (a 4xx status) into a 4xx problem with a
 * stable code, also the body parser's errors it has no name for (a zlib failure, a verify refusal): never a 500.
 * The parsers here are the real ones in the settings the API does not use, so the errors are those a future setting
 * or version would raise.
 */
import { createServer, type Server } from 'node:http';
import zlib from 'node:zlib';
import express from 'express';
import { createLogger } from '../logger';
import { rawRequest } from '../testing/rawHttp';
import { problemHandler } from './problem';

let server: Server;
let url: string;
beforeAll(async () => {
  const app = express();
  app.post('/inflating', express.json({ limit: '16kb', inflate: true }), (_req, res) => void res.json({ ok: true }));
  app.post(
    '/verifying',
    express.json({
      verify: () => {
        throw new Error('refused by verify');
      },
    }),
    (_req, res) => void res.json({ ok: true }),
  );
  app.use(problemHandler(createLogger('silent'), 16));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const json = { 'content-type': 'application/json' };

test.each([
  ['a gzip body that does not decompress', '/inflating', { ...json, 'content-encoding': 'gzip' }, Buffer.from('not gzip at all'), 400, 'unreadable_body'],
  ['a deflate body cut short', '/inflating', { ...json, 'content-encoding': 'deflate' }, zlib.deflateSync(Buffer.from('{"a":"b"}')).subarray(0, 6), 400, 'unreadable_body'],
  ['a gzip body that inflates past the limit', '/inflating', { ...json, 'content-encoding': 'gzip' }, zlib.gzipSync(Buffer.alloc(1_000_000, 32)), 413, 'body_too_large'],
  ['a body its verifier refuses', '/verifying', json, Buffer.from('{"a":1}'), 400, 'unreadable_body'],
] as const)('when the body parser fails on %s, then the answer is a 4xx problem with a stable code', async (_what, path, headers, body, status, code) => {
  const res = await rawRequest(url, { method: 'POST', path, headers: { ...headers, 'content-length': String(body.length) }, pieces: [body] });
  expect(res.status).toBe(status);
  expect(res.code).toBe(code);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
});

test('when an error carries no client status, then it is still a 500 that shows only the request id', async () => {
  const app = express();
  app.get('/broken', () => {
    throw new Error('database down');
  });
  app.use(problemHandler(createLogger('silent'), 16));
  const broken = createServer(app);
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  try {
    const res = await rawRequest(`http://127.0.0.1:${(broken.address() as { port: number }).port}`, { method: 'GET', path: '/broken' });
    expect(res.status).toBe(500);
    expect(res.code).toBe('internal_error');
    expect(res.body).not.toContain('database down');
  } finally {
    broken.closeAllConnections();
    await new Promise<void>((resolve) => broken.close(() => resolve()));
  }
});
