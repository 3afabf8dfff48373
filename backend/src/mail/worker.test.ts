/** The outbox worker against a real store and a real SMTP peer (the catcher): delivery, sealing, leases, stop. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateKeyring, type Keyring } from '../crypto/keyring';
import type { Store } from '../store';
import { startMailCatcher, type MailCatcher } from './catcher';
import { enqueueEmail } from './outbox';
import { templates } from './templates';
import { captureLogger, openTestStore, tempDir } from './testing/support';
import { smtpTransport, type MailTransport } from './transport';
import { startOutboxWorker, type OutboxWorker } from './worker';

const FROM = 'Sealpost <no-reply@sealpost.test>';
const LINK = 'https://sealpost.test/register?token=secret-token-123';

let store: Store;
let keyring: Keyring;
let dir: string;
let catcher: MailCatcher;
let transport: MailTransport;
const workers: OutboxWorker[] = [];

function worker(overrides: Partial<Parameters<typeof startOutboxWorker>[0]> = {}): OutboxWorker {
  const started = startOutboxWorker({ store, keyring, transport, from: FROM, logger: captureLogger().logger, ...overrides });
  workers.push(started);
  return started;
}

function signup(to = 'ada@example.com', name = 'Ada Lovelace') {
  return store.transaction((tx) =>
    enqueueEmail(tx, keyring, {
      organizationId: null,
      template: 'signupConfirmation',
      to,
      content: templates.signupConfirmation({ name, organizationName: 'Analytical Engines', link: LINK }),
    }),
  );
}

// One database per file (opening one costs more than the tests); each test starts from an empty outbox.
beforeAll(async () => {
  store = await openTestStore();
});

afterAll(async () => {
  await store.close();
});

beforeEach(async () => {
  await store.db.query('DELETE FROM outbox');
  keyring = generateKeyring();
  dir = await tempDir();
  catcher = await startMailCatcher({ dir });
  transport = smtpTransport(`smtp://127.0.0.1:${catcher.port}`);
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  transport.close();
  await catcher.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

test('when an email is enqueued and the worker drains, then the catcher has exactly that one message', async () => {
  const id = await signup();
  const content = templates.signupConfirmation({ name: 'Ada Lovelace', organizationName: 'Analytical Engines', link: LINK });

  expect(await worker().drain()).toBe(1);

  const mails = await catcher.list();
  expect(mails).toHaveLength(1);
  const [mail] = mails;
  expect(mail?.to).toEqual(['ada@example.com']);
  expect(mail?.from).toContain('no-reply@sealpost.test');
  expect(mail?.subject).toBe(content.subject);
  expect(mail?.text.trim()).toBe(content.text.trim());
  expect(mail?.html).toContain(LINK);
  expect(mail?.html).toContain('Analytical Engines');
  const eml = await fs.readFile(path.join(dir, `${mail?.id}.eml`), 'utf8');
  expect(eml).toMatch(new RegExp(`^Message-ID: <${id}@sealpost>\\r?$`, 'im'));
  const row = await store.outbox.findById(id);
  expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  expect(row?.sentAt).toBeInstanceOf(Date);
});

test('when everything is sent, then a second drain sends nothing', async () => {
  await signup();
  const w = worker();
  expect(await w.drain()).toBe(1);
  expect(await w.drain()).toBe(0);
  expect(await catcher.list()).toHaveLength(1);
});

test('when an email is enqueued, then the outbox row holds no plaintext subject, name or link', async () => {
  const id = await signup('grace@example.com', 'Grace Hopper');
  const [row] = await store.db.query('SELECT * FROM outbox WHERE id = $1', [id]);
  const dump = JSON.stringify(row);
  expect(dump).toContain('grace@example.com'); // the recipient is needed to route; the content is not
  for (const secret of ['secret-token-123', 'Grace Hopper', 'Confirm your', 'Analytical Engines', 'sealpost.test']) {
    expect(dump).not.toContain(secret);
  }
});

test('when the transaction that enqueues an email rolls back, then no email is sent', async () => {
  await expect(
    store.transaction(async (tx) => {
      await enqueueEmail(tx, keyring, {
        organizationId: null,
        template: 'passwordReset',
        to: 'ada@example.com',
        content: templates.passwordReset({ name: 'Ada', link: LINK, minutes: 30 }),
      });
      throw new Error('the change failed');
    }),
  ).rejects.toThrow('the change failed');

  expect(await worker().drain()).toBe(0);
  expect(await catcher.list()).toHaveLength(0);
});

test('when two workers drain at the same time, then each email is sent once', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 12; i += 1) ids.push(await signup(`person${i}@example.com`, `Person ${i}`));
  const second = smtpTransport(`smtp://127.0.0.1:${catcher.port}`);
  try {
    const counts = await Promise.all([worker().drain(), worker({ transport: second }).drain()]);
    expect(counts[0] + counts[1]).toBe(12);
  } finally {
    second.close();
  }
  const recipients = (await catcher.list()).flatMap((m) => m.to).sort();
  expect(recipients).toEqual(ids.map((_, i) => `person${i}@example.com`).sort());
  for (const id of ids) expect(await store.outbox.findById(id)).toMatchObject({ status: 'sent', attempts: 1 });
});

test('when a sealed row is moved to another recipient, then it is not sent and is marked failed', async () => {
  const id = await signup();
  await store.db.query("UPDATE outbox SET to_address = 'mallory@example.com' WHERE id = $1", [id]);
  const { logger, text } = captureLogger();

  expect(await worker({ logger }).drain()).toBe(0);

  expect(await catcher.list()).toHaveLength(0);
  expect(await store.outbox.findById(id)).toMatchObject({ status: 'failed', lastError: 'sealed_unreadable' });
  expect(text()).toContain(id);
  expect(text()).not.toContain('mallory');
});

test('when the worker is stopped during a send, then stop waits for that send to finish and be recorded', async () => {
  const id = await signup();
  let entered!: () => void;
  const sending = new Promise<void>((resolve) => (entered = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow: MailTransport = {
    async send(message) {
      entered();
      await gate;
      await transport.send(message);
    },
    close: () => undefined,
  };
  const w = worker({ transport: slow });

  const drained = w.drain();
  await sending;
  let stopped = false;
  const stopping = w.stop().then(() => (stopped = true));
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(stopped).toBe(false);

  release();
  await stopping;
  expect(await drained).toBe(1);
  expect(await store.outbox.findById(id)).toMatchObject({ status: 'sent' });
  expect(await catcher.list()).toHaveLength(1);
});

test('when the worker polls, then an enqueued email is delivered without an explicit drain', async () => {
  worker({ pollMs: 10 });
  await signup();
  for (let i = 0; i < 500 && (await catcher.list()).length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(await catcher.list()).toHaveLength(1);
});
