/**
 * A whole Sealpost for integration tests: the real app on an ephemeral port, a real database (PGlite, or the
 * server when asked), the real mail catcher and outbox worker. Tests talk to it over HTTP.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { buildApp } from '../app';
import type { BlobStore } from '../blobs/blobStore';
import { fsBlobStore } from '../blobs/fsBlobStore';
import { startSessionCache } from '../auth/sessionCache';
import { loadConfig, type Config } from '../config';
import type { AppDeps } from '../deps';
import { createLogger } from '../logger';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../mail/catcher';
import { smtpTransport } from '../mail/transport';
import { startOutboxWorker, type OutboxWorker } from '../mail/worker';
import { loadSecrets } from '../secrets';
import type { Store } from '../store';
import { openTestStore, type TestDatabaseKind } from '../store/testing/testStore';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  deps: AppDeps;
  store: Store;
  catcher: MailCatcher;
  worker: OutboxWorker;
  /** JSON request; `ip` is the client address the app sees (it trusts one proxy hop in tests). */
  api<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; ip?: string },
  ): Promise<ApiResponse<T>>;
  /** Sends what the outbox holds and returns the caught mail for an address, newest first. */
  mailTo(address: string): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: {
    env?: Record<string, string>;
    database?: TestDatabaseKind;
    logTo?: DestinationStream;
    blobs?: BlobStore;
    /** Keep live sessions in memory as main.ts does (the default); false reads the database on every request. */
    sessionCache?: boolean;
  } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-test-'));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const config: Config = {
    // every answer of a test server is held against its contract, so a handler that drifts fails its suites
    checkAnswers: true,
    ...loadConfig({
      SEALPOST_MODE: 'embedded',
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      LOG_LEVEL: 'silent',
      TRUST_PROXY: 'true',
      ...options.env,
    }),
  };
  const logger = createLogger(config.logLevel, options.logTo);
  const store = await openTestStore(options.database);
  const catcher = await startMailCatcher({ dir: path.join(dataDir, 'mailbox'), port: 0 });
  const transport = smtpTransport(`smtp://127.0.0.1:${catcher.port}`);
  const secrets = loadSecrets(config);
  // Polling off: tests drain the outbox when they want mail, so nothing races them.
  const worker = startOutboxWorker({ store, keyring: secrets.keyring, transport, from: config.mailFrom, logger, pollMs: 3_600_000 });
  const sessionCache =
    options.sessionCache === false || config.sessionCacheSeconds === 0
      ? undefined
      : await startSessionCache(store, { ttlMs: config.sessionCacheSeconds * 1000 });
  const deps: AppDeps = {
    config,
    store,
    secrets,
    logger,
    mailCatcher: catcher,
    blobs: options.blobs ?? fsBlobStore(path.join(dataDir, 'blobs')),
    sessionCache,
  };
  server.on('request', buildApp(deps));

  // Tests may swap the catcher (an SMTP outage test restarts it), so methods read it from the object.
  const t: TestServer = {
    url,
    deps,
    store,
    catcher,
    worker,
    async api(method, pathname, { body, token, headers = {}, ip } = {}) {
      const init: RequestInit = { method, headers: { ...headers, ...(ip ? { 'x-forwarded-for': ip } : {}) } };
      if (body !== undefined) {
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
      if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
      const res = await fetch(`${url}${pathname}`, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    async mailTo(address) {
      await worker.drain();
      return (await t.catcher.list()).filter((m) => m.to.includes(address));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await sessionCache?.stop();
      transport.close();
      await t.catcher.stop();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** The first link in an email's text that starts with the given path. */
export function linkIn(mail: CaughtMail, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${pathPrefix.replace(/[/?]/g, '\\$&')}[^\\s"<>]*`).exec(mail.text);
  if (!match) throw new Error(`no ${pathPrefix} link in mail "${mail.subject}"`);
  return match[0];
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}
