/**
 * Serving the add-in and letting its event script call the API: page headers (CSP, framing by Outlook, no
 * helmet defaults that would break Outlook), the well-known allow-list, icons, and CORS for the add-in's origin.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { addinRouter } from './addin.router';

function builtAddin(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'addin-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.mkdirSync(path.join(dir, 'icons'));
  const pageHtml = '<!doctype html><meta name="sealpost-style-nonce" content="__CSP_NONCE__"><div id="root"></div>';
  for (const file of ['taskpane.html', 'signin.html', 'commands.html']) fs.writeFileSync(path.join(dir, file), pageHtml);
  fs.writeFileSync(path.join(dir, 'launchevent.js'), '(()=>{Office.actions.associate("a",function(){})})();');
  fs.writeFileSync(path.join(dir, 'manifest.xml'), '<OfficeApp/>');
  fs.writeFileSync(path.join(dir, 'assets/taskpane.0123456789abcdef.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'icons/icon-64.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

async function serve(addinDir: string, config = { publicUrl: 'https://sealpost.example.com', addinBaseUrl: 'https://sealpost.example.com/mail' }) {
  const app = express();
  app.use(helmet());
  app.use(addinRouter(config, { addinDir }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('serving the built add-in', () => {
  const dir = builtAddin();
  let site: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    site = await serve(dir);
  });
  afterAll(() => site.close());

  test('when the task pane is fetched, then Outlook may frame it, Office.js may load from the CDN and styles carry the nonce', async () => {
    const res = await fetch(`${site.url}/addin/taskpane.html`);
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(await res.text()).toContain(`content="${nonce}"`);
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/sealpost\.example\.com .*https:\/\/outlook\.office\.com/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  test('when the sign-in dialog page is fetched, then nobody may frame it but it keeps its opener', async () => {
    const res = await fetch(`${site.url}/addin/signin.html`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
  });

  test('when the event script is fetched, then it is JavaScript other origins may load, revalidated on every use', async () => {
    const res = await fetch(`${site.url}/addin/launchevent.js`);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('Office.actions.associate');
  });

  test('when the well-known allow-list is fetched, then it names the event script at ADDIN_BASE_URL', async () => {
    const res = await fetch(`${site.url}/.well-known/microsoft-officeaddins-allowed.json`);
    expect(await res.json()).toEqual({ allowed: ['https://sealpost.example.com/mail/addin/launchevent.js'] });
  });

  test('when an icon the manifest names is fetched, then it is a PNG; other names under /assets are not served here', async () => {
    const icon = await fetch(`${site.url}/assets/icon-64.png`);
    expect([icon.status, icon.headers.get('content-type'), icon.headers.get('cross-origin-resource-policy')]).toEqual([200, 'image/png', 'cross-origin']);
    expect((await fetch(`${site.url}/assets/icon-65.png`)).status).toBe(404);
    expect((await fetch(`${site.url}/assets/..%2fmanifest.xml`)).status).toBe(404);
  });

  test('when a hashed bundle is fetched, then it is cached for a year', async () => {
    const res = await fetch(`${site.url}/addin/assets/taskpane.0123456789abcdef.js`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  test('when the build stamp or a file outside the add-in is asked for, then it is not served', async () => {
    expect((await fetch(`${site.url}/addin/build-stamp.json`)).status).toBe(404);
    expect((await fetch(`${site.url}/addin/assets/../manifest.xml`)).status).not.toBe(500);
  });
});

test('when the add-in was never built, then its pages answer 503 saying how to build it', async () => {
  const site = await serve(fs.mkdtempSync(path.join(os.tmpdir(), 'addin-empty-')));
  try {
    const res = await fetch(`${site.url}/addin/taskpane.html`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect((await fetch(`${site.url}/addin/launchevent.js`)).status).toBe(503);
  } finally {
    await site.close();
  }
});

describe('CORS on /api/v1 for the add-in origin', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { ADDIN_BASE_URL: 'https://addin.example.org/sealpost' } });
  });
  afterAll(() => t.stop());

  test('when classic Outlook preflights a send from the add-in origin (trailing slash and all), then it is allowed without credentials', async () => {
    const res = await fetch(`${t.url}/api/v1/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://addin.example.org/', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://addin.example.org/');
    expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('when the add-in origin calls the API, then the answer (an error too) is readable and exposes the upload offset', async () => {
    const res = await fetch(`${t.url}/api/v1/me`, { headers: { origin: 'https://addin.example.org' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://addin.example.org');
    expect(res.headers.get('access-control-expose-headers')).toContain('Upload-Offset');
  });

  test('when another origin asks, then no CORS header is given and the preflight is not answered', async () => {
    const res = await fetch(`${t.url}/api/v1/messages`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.status).toBe(404);
    const lookalike = await fetch(`${t.url}/api/v1/me`, { headers: { origin: 'https://addin.example.org.evil.example' } });
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe("the help page at the manifest's SupportUrl", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { ADDIN_BASE_URL: 'https://addin.example.org/sealpost' } });
  });
  afterAll(() => t.stop());

  test('when Outlook opens the SupportUrl of manifest.xml, then Sealpost answers with help on signing in, the alert and whom to ask', async () => {
    const manifest = fs.readFileSync(path.resolve(__dirname, '../../../../manifest.xml'), 'utf8');
    const supportUrl = new URL(/<SupportUrl DefaultValue="([^"]+)"/.exec(manifest)![1]!);
    const res = await fetch(`${t.url}${supportUrl.pathname}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const text = await res.text();
    for (const heading of ['Sign in', 'When Outlook stops your message', 'What your recipients get', 'Who to ask']) expect(text).toMatch(new RegExp(`<h2[^>]*>${heading}</h2>`));
    expect(text).toContain('href="https://addin.example.org/sealpost/addin/manifest.xml"');
    expect(text).toContain(`href="${t.url}/forgot-password"`);
  });
});
