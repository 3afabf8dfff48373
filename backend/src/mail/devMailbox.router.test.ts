/** The dev mailbox over real HTTP, showing mail the catcher received over real SMTP. */
import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './catcher';
import { devMailboxRouter, MAIL_HTML_CSP } from './devMailbox.router';
import { templates } from './templates';
import { tempDir } from './testing/support';
import { smtpTransport } from './transport';

const LINK = 'https://sealpost.test/register?token=tok-789';
let dir: string;
let catcher: MailCatcher;
let server: Server;
let base: string;

async function deliver(subject: string, text: string, html: string): Promise<string> {
  const transport = smtpTransport(`smtp://127.0.0.1:${catcher.port}`);
  try {
    await transport.send({ messageId: '<test@sealpost>', from: 'no-reply@sealpost.test', to: 'ada@example.com', subject, text, html });
  } finally {
    transport.close();
  }
  const [newest] = await catcher.list();
  return newest?.id ?? '';
}

beforeEach(async () => {
  dir = await tempDir();
  catcher = await startMailCatcher({ dir });
  const app = express();
  app.use('/dev/mailbox', devMailboxRouter(catcher));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev/mailbox`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await catcher.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

test('when the mailbox is empty, then the list page says so', async () => {
  const res = await fetch(base);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('No mail yet');
});

test('when mail was caught, then the list shows its subject linking to the message page', async () => {
  const content = templates.signupConfirmation({ name: 'Ada', organizationName: 'Analytical Engines', link: LINK });
  const id = await deliver(content.subject, content.text, content.html);

  const res = await fetch(`${base}/`);
  const body = await res.text();
  expect(res.headers.get('content-type')).toContain('text/html');
  expect(body).toContain(content.subject);
  expect(body).toContain(`href="/dev/mailbox/${id}"`);
  expect(body).toContain('ada@example.com');
  expect(body).not.toContain('<script');
});

test('when a message holds markup, then the message page escapes it and frames the html in a sandbox', async () => {
  const id = await deliver('<img src=x onerror=alert(1)>', `Open ${LINK}\n<b>bold</b>`, `<p>Click <a href="${LINK}">here</a></p>`);

  const res = await fetch(`${base}/${id}`);
  const body = await res.text();
  expect(res.status).toBe(200);
  expect(body).not.toContain('<img src=x');
  expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(body).toContain('&lt;b&gt;bold&lt;/b&gt;');
  expect(body).not.toContain('<p>Click'); // the html body is never inlined into our page
  expect(body).toContain(`<a href="${LINK}" target="_blank" rel="noopener noreferrer">`);
  expect(body).toMatch(new RegExp(`<iframe src="/dev/mailbox/${id}/html" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"`));
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
});

test('when the html version is requested, then it is served alone under the strict CSP with clickable links', async () => {
  const id = await deliver('Hello', 'text', `<!DOCTYPE html><html><head><title>t</title></head><body><a href="${LINK}">Confirm</a></body></html>`);

  const res = await fetch(`${base}/${id}/html`);
  const body = await res.text();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toBe(
    "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation",
  );
  expect(res.headers.get('content-security-policy')).toBe(MAIL_HTML_CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(body).toContain(`<a href="${LINK}">Confirm</a>`);
  expect(body).toMatch(/^<!DOCTYPE html><html><head><base target="_blank">/);
});

test('when an id is unknown or malformed, then every page answers 404', async () => {
  for (const path of ['/0000000000000-0000000000000000', '/nope/html', '/..%2F..%2Fetc%2Fpasswd', '/%3Cscript%3E']) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<script>');
  }
});

test('when a message has no html part, then its html endpoint answers 404', async () => {
  const transport = nodemailer.createTransport({ url: `smtp://127.0.0.1:${catcher.port}` });
  await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'Plain', text: 'just text' });
  transport.close();
  const [mail] = await catcher.list();

  expect((await fetch(`${base}/${mail?.id}/html`)).status).toBe(404);
  expect(await (await fetch(`${base}/${mail?.id}`)).text()).not.toContain('<iframe');
});
