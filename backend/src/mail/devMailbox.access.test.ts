/**
 * The dev mailbox shows reset and invitation links, so it answers only requests made on the machine itself: not from
 * another address, not to a name others use (a proxy's public name, a rebound DNS name), not through a proxy that
 * forwards someone else. Over the real embedded start, with mail caught over real SMTP.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { start, type Running } from '../main';
import { rawRequest } from '../testing/rawHttp';

const EMAIL = 'mailbox-owner@clinic.example';
let running: Running;
let dataDir: string;
let port: number;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-mailbox-'));
  // Bound to every interface (as a demo on a private network would), so a request can come from another address.
  running = await start(loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '0.0.0.0', EMBEDDED_ALLOW_PUBLIC: 'true', LOG_LEVEL: 'silent' }));
  port = (running.server.address() as { port: number }).port;
  await fetch(`http://127.0.0.1:${port}/api/v1/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL }) });
  await fetch(`http://127.0.0.1:${port}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organizationName: 'Mailbox Practice', name: 'Mo', email: EMAIL, password: 'a long enough passphrase' }),
  });
  for (let i = 0; i < 100 && (await running.deps.mailCatcher!.list()).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
}, 60_000);
afterAll(async () => {
  await running.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const mailboxPaths = async () => {
  const [mail] = await running.deps.mailCatcher!.list();
  return ['/dev/mailbox', '/dev/mailbox/', `/dev/mailbox/${mail!.id}`, `/dev/mailbox/${mail!.id}/html`];
};

test('when asked on this machine, then the mailbox lists the caught mail', async () => {
  const res = await rawRequest(`http://127.0.0.1:${port}`, { method: 'GET', path: '/dev/mailbox', headers: { host: `localhost:${port}` } });
  expect(res.status).toBe(200);
  expect(res.body).toContain(EMAIL);
  // The Host the refusals below use, so what refuses them is the one header each adds.
  expect((await rawRequest(`http://127.0.0.1:${port}`, { method: 'GET', path: '/dev/mailbox', headers: { host: '127.0.0.1:3000' } })).status).toBe(200);
});

test('when a local proxy forwards a local request (npm run dev:addin), then the mailbox answers', async () => {
  const headers = { host: `localhost:${port}`, 'x-forwarded-for': '::ffff:127.0.0.1', 'x-forwarded-host': 'localhost:3000', 'x-forwarded-proto': 'https' };
  const res = await rawRequest(`http://127.0.0.1:${port}`, { method: 'GET', path: '/dev/mailbox', headers });
  expect(res.status).toBe(200);
});

test.each([
  ['to a public name (a proxy that keeps Host)', { host: 'portal.clinic.example' }],
  ['to a DNS name rebound to loopback', { host: 'attacker.example:3000' }],
  ['through a proxy that forwards someone else', { host: '127.0.0.1:3000', 'x-forwarded-for': '203.0.113.9' }],
  ['through a proxy chain with someone else in it', { host: '127.0.0.1:3000', 'x-forwarded-for': '127.0.0.1, 203.0.113.9' }],
  ['through a proxy that names a public host', { host: '127.0.0.1:3000', 'x-forwarded-host': 'portal.clinic.example' }],
  ['through a standard Forwarded header', { host: '127.0.0.1:3000', forwarded: 'for="[2001:db8::1]:4711";proto=https' }],
  ['through a proxy that sets X-Real-IP', { host: '127.0.0.1:3000', 'x-real-ip': '198.51.100.7' }],
  ['without a Host', { host: '' }],
] as [string, Record<string, string>][])('when asked %s, then every mailbox page refuses and shows no mail', async (_how, headers) => {
  for (const page of await mailboxPaths()) {
    const res = await rawRequest(`http://127.0.0.1:${port}`, { method: 'GET', path: page, headers });
    expect({ page, status: res.status }).toEqual({ page, status: 403 });
    expect(res.body).not.toContain(EMAIL);
    expect(res.body).not.toContain('token=');
  }
});

const elsewhere = Object.values(os.networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
// A machine with only loopback has no other address to ask from; the header cases above still run there.
(elsewhere ? test : test.skip)(`when asked from another address of this machine (${elsewhere ?? 'none'}), even naming localhost, then it refuses`, async () => {
  for (const page of await mailboxPaths()) {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.get({ host: elsewhere, port, path: page, headers: { host: `localhost:${port}` } }, (answer) => {
        let body = '';
        answer.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    expect({ page, status: res.status }).toEqual({ page, status: 403 });
    expect(res.body).not.toContain(EMAIL);
  }
});
