/** Serving the built pages: a nonce per response in the CSP and the page, hashed assets cached, HTML only by route. */
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { webPagesRouter } from './webPages.router';

let webDir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(
    path.join(webDir, 'register.html'),
    '<!doctype html><meta name="sealpost-style-nonce" content="__CSP_NONCE__"><script defer src="/web/assets/register.abc.js"></script>',
  );
  fs.writeFileSync(path.join(webDir, 'assets/register.abc.js'), 'console.log(1)');
  const app = express();
  app.use(webPagesRouter({ webDir }));
  app.use((_req, res) => res.status(404).send('not found'));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(webDir, { recursive: true, force: true });
});

test('when the registration page is requested twice, then each answer carries its own nonce in both the CSP and the page', async () => {
  const nonces = [];
  for (let i = 0; i < 2; i += 1) {
    const res = await fetch(`${url}/register?token=abc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // the portal's pdf.js worker is a script of our own origin; nothing else may start a worker
    expect(csp).toContain("worker-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(await res.text()).toContain(`content="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test('when a hashed asset is requested, then it is served with a year-long immutable cache', async () => {
  const res = await fetch(`${url}/web/assets/register.abc.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('when the page template is asked for as a file, then it is not served (it only works with a nonce)', async () => {
  expect((await fetch(`${url}/web/register.html`)).status).toBe(404);
  expect((await fetch(`${url}/web/build-stamp.json`)).status).toBe(404);
});

test('when the pages were never built, then the page says to build them instead of failing', async () => {
  const app = express().use(webPagesRouter({ webDir: path.join(webDir, 'missing') }));
  const other = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const res = await fetch(`http://127.0.0.1:${(other.address() as { port: number }).port}/register`);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain('npm run build');
  await new Promise<void>((resolve) => other.close(() => resolve()));
});
