/** The SMTP catcher, spoken to over real SMTP by the production transport. */
import fs from 'node:fs/promises';
import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './catcher';
import { tempDir } from './testing/support';
import { smtpTransport } from './transport';

let dir: string;
const running: MailCatcher[] = [];

async function catcherOn(directory: string, port?: number): Promise<MailCatcher> {
  const catcher = await startMailCatcher({ dir: directory, ...(port === undefined ? {} : { port }) });
  running.push(catcher);
  return catcher;
}

async function send(port: number, subject: string, extra: { html?: string; to?: string } = {}): Promise<void> {
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
  try {
    await transport.send({
      messageId: `<${subject.replace(/\W/g, '')}@sealpost>`,
      from: 'Sealpost <no-reply@sealpost.test>',
      to: extra.to ?? 'ada@example.com',
      subject,
      text: `Body of ${subject}`,
      html: extra.html ?? `<p>Body of ${subject}</p>`,
    });
  } finally {
    transport.close();
  }
}

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  await fs.rm(dir, { recursive: true, force: true });
});

test('when mail arrives, then it is listed newest first with its envelope, text and html', async () => {
  const catcher = await catcherOn(dir);
  await send(catcher.port, 'First');
  await send(catcher.port, 'Second', { to: 'grace@example.com' });

  const mails = await catcher.list();
  expect(mails.map((m) => m.subject)).toEqual(['Second', 'First']);
  expect(mails[0]).toMatchObject({ to: ['grace@example.com'], text: expect.stringContaining('Body of Second') });
  expect(mails[0]?.from).toContain('no-reply@sealpost.test');
  expect(mails[0]?.html).toContain('<p>Body of Second</p>');
  expect(mails[0]?.receivedAt.getTime()).toBeGreaterThanOrEqual(mails[1]?.receivedAt.getTime() ?? Infinity);
  expect(await catcher.get(mails[1]?.id ?? '')).toMatchObject({ subject: 'First' });
});

test('when the catcher restarts on the same directory, then it still lists the mail it caught before', async () => {
  const first = await catcherOn(dir);
  await send(first.port, 'Before restart');
  await first.stop();
  running.splice(running.indexOf(first), 1);

  const second = await catcherOn(dir);
  await send(second.port, 'After restart');

  expect((await second.list()).map((m) => m.subject)).toEqual(['After restart', 'Before restart']);
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.eml'));
  expect(files).toHaveLength(2);
});

test('when a message has no html part, then html is null', async () => {
  const catcher = await catcherOn(dir);
  const transport = nodemailer.createTransport({ url: `smtp://127.0.0.1:${catcher.port}` });
  await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'Plain', text: 'just text' });
  transport.close();

  const [mail] = await catcher.list();
  expect(mail).toMatchObject({ subject: 'Plain', html: null, text: expect.stringContaining('just text') });
});

test('when an id is unknown or names a path, then get returns null', async () => {
  const catcher = await catcherOn(dir);
  expect(await catcher.get('0000000000000-0000000000000000')).toBeNull();
  expect(await catcher.get('../outside')).toBeNull();
  expect(await catcher.get('')).toBeNull();
});

test('when the port is taken, then starting fails instead of listening elsewhere', async () => {
  const catcher = await catcherOn(dir);
  await expect(startMailCatcher({ dir, port: catcher.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
});
