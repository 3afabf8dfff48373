/**
 * The outbox worker when the relay is down or refuses: attempts are recorded, retries back off, nothing is lost,
 * and the email goes out exactly once when the relay is back. Time is injected through `now`, never slept.
 */
import fs from 'node:fs/promises';
import { generateKeyring, type Keyring } from '../crypto/keyring';
import type { Store } from '../store';
import { startMailCatcher } from './catcher';
import { enqueueEmail } from './outbox';
import { templates } from './templates';
import { captureLogger, closedPort, openTestStore, rejectingSmtpServer, tempDir } from './testing/support';
import { smtpTransport, type MailTransport } from './transport';
import { MAX_RETRY_MS, retryDelayMs, startOutboxWorker, type OutboxWorker } from './worker';

const FROM = 'no-reply@sealpost.test';
const LINK = 'https://sealpost.test/reset?token=reset-secret-456';
// The store decides what is due by the database clock; a worker clock two hours behind it (beyond the one-hour
// cap) makes every scheduled retry due at once, while the delay it chose stays measurable against that clock.
const PAST = new Date(Date.now() - 2 * MAX_RETRY_MS);

let store: Store;
let keyring: Keyring;
let dir: string;
const cleanup: Array<() => Promise<void> | void> = [];

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
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  await fs.rm(dir, { recursive: true, force: true });
});

function transportTo(port: number): MailTransport {
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
  cleanup.push(() => transport.close());
  return transport;
}

function worker(transport: MailTransport, options: { now?: () => Date; baseRetryMs?: number; maxAttempts?: number; logger?: ReturnType<typeof captureLogger>['logger'] } = {}): OutboxWorker {
  const w = startOutboxWorker({ store, keyring, transport, from: FROM, logger: captureLogger().logger, ...options });
  cleanup.push(() => w.stop());
  return w;
}

function reset(to = 'ada@example.com') {
  return store.transaction((tx) =>
    enqueueEmail(tx, keyring, {
      organizationId: null,
      template: 'passwordReset',
      to,
      content: templates.passwordReset({ name: 'Ada', link: LINK, minutes: 30 }),
    }),
  );
}

test('when nothing listens on the SMTP port, then the attempt is recorded and a retry scheduled with backoff', async () => {
  const now = new Date();
  const id = await reset();
  const w = worker(transportTo(await closedPort()), { now: () => now, baseRetryMs: 60_000 });

  expect(await w.drain()).toBe(0);

  const row = await store.outbox.findById(id);
  expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ESOCKET' });
  const delay = (row?.nextAttemptAt.getTime() ?? 0) - now.getTime();
  expect(delay).toBeGreaterThanOrEqual(30_000);
  expect(delay).toBeLessThanOrEqual(60_000);
  // Not due yet: another drain leaves it alone.
  expect(await w.drain()).toBe(0);
  expect(await store.outbox.findById(id)).toMatchObject({ attempts: 1 });
});

test('when the SMTP server comes back on its port, then the waiting email is delivered exactly once', async () => {
  const port = await closedPort();
  const id = await reset();
  const w = worker(transportTo(port), { now: () => PAST, baseRetryMs: 1_000 });
  expect(await w.drain()).toBe(0);
  expect(await store.outbox.findById(id)).toMatchObject({ status: 'pending', attempts: 1 });

  const catcher = await startMailCatcher({ dir, port });
  cleanup.push(() => catcher.stop());

  expect(await w.drain()).toBe(1);
  expect(await w.drain()).toBe(0);
  const mails = await catcher.list();
  expect(mails).toHaveLength(1);
  expect(mails[0]?.text).toContain(LINK);
  expect(await store.outbox.findById(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
});

test('when the server answers 451, then the email stays pending with the code and no content', async () => {
  const server = await rejectingSmtpServer(451);
  cleanup.push(() => server.stop());
  const id = await reset();
  const { logger, text } = captureLogger();

  expect(await worker(transportTo(server.port), { now: () => PAST, logger }).drain()).toBe(0);

  expect(await store.outbox.findById(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'EENVELOPE 451' });
  const logs = text();
  expect(logs).toContain(id);
  expect(logs).toContain('EENVELOPE 451');
  for (const secret of ['reset-secret-456', 'Reset your', 'ada@example.com', 'temporarily']) expect(logs).not.toContain(secret);
});

test('when the server answers 550, then the email is failed at once without retrying', async () => {
  const server = await rejectingSmtpServer(550);
  cleanup.push(() => server.stop());
  const id = await reset();

  expect(await worker(transportTo(server.port), { now: () => PAST }).drain()).toBe(0);

  expect(await store.outbox.findById(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'EENVELOPE 550' });
});

test('when sending keeps failing, then delays double and the email is failed after maxAttempts', async () => {
  const id = await reset();
  const { logger, text } = captureLogger();
  const w = worker(transportTo(await closedPort()), { now: () => PAST, baseRetryMs: 1_000, maxAttempts: 4, logger });

  for (const [attempt, base] of [[1, 1_000], [2, 2_000], [3, 4_000]] as const) {
    expect(await w.drain()).toBe(0);
    const row = await store.outbox.findById(id);
    expect(row).toMatchObject({ status: 'pending', attempts: attempt });
    const delay = (row?.nextAttemptAt.getTime() ?? 0) - PAST.getTime();
    expect(delay).toBeGreaterThanOrEqual(base / 2);
    expect(delay).toBeLessThanOrEqual(base);
  }
  expect(await w.drain()).toBe(0);
  expect(await store.outbox.findById(id)).toMatchObject({ status: 'failed', attempts: 4, lastError: 'ESOCKET' });
  // A failed email is not picked up again.
  expect(await w.drain()).toBe(0);
  expect(await store.outbox.findById(id)).toMatchObject({ attempts: 4 });
  expect(text()).toContain('giving up');
  expect(text()).not.toContain('reset-secret-456');
});

test('when the delay would grow past an hour, then it is capped at an hour with jitter below it', () => {
  expect(retryDelayMs(1, 1_000, () => 0)).toBe(500);
  expect(retryDelayMs(1, 1_000, () => 1)).toBe(1_000);
  expect(retryDelayMs(3, 1_000, () => 1)).toBe(4_000);
  expect(retryDelayMs(40, 1_000, () => 1)).toBe(MAX_RETRY_MS);
  expect(retryDelayMs(40, 1_000, () => 0)).toBe(MAX_RETRY_MS / 2);
});
