/**
 * Starts Sealpost: reads and checks the configuration, opens the database (migrating it), starts mail
 * (the built-in catcher in embedded mode), the outbox worker, the sweeps of abandoned uploads and of signature
 * reminders, and the audit linker, and serves HTTP until told to stop.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { buildApp } from './app';
import { openBlobStore } from './blobs/openBlobStore';
import { startSessionCache } from './auth/sessionCache';
import { startAuditLinker } from './commands/auditLinker';
import { startUploadSweeper } from './commands/fileSweeper';
import { startReminderSweeper } from './commands/signatureReminders';
import { applyConnectionTimeouts } from './http/connectionTimeouts';
import { InvalidConfigError, loadConfig, type Config } from './config';
import type { AppDeps } from './deps';
import { createLogger } from './logger';
import { startMailCatcher, type MailCatcher } from './mail/catcher';
import { smtpTransport } from './mail/transport';
import { startOutboxWorker, type OutboxWorker } from './mail/worker';
import { loadSecrets } from './secrets';
import { openStore, type Store } from './store';

export interface Running {
  server: Server;
  url: string;
  deps: AppDeps;
  /** Runs the sweep of abandoned uploads now (operators and tests; it also runs on its own schedule). */
  sweepNow(): Promise<number>;
  stop(): Promise<void>;
}

export async function start(config: Config): Promise<Running> {
  const logger = createLogger(config.logLevel);
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secrets = loadSecrets(config);
  // first of the services, so a storage account that cannot be reached stops the start before anything runs
  const blobs = await openBlobStore(config);

  const store: Store = await openStore({
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    pgliteDir: path.join(config.dataDir, 'pgdata'),
  });

  let mailCatcher: MailCatcher | undefined;
  let smtpUrl = config.smtpUrl;
  if (!smtpUrl) {
    mailCatcher = await startMailCatcher({ dir: path.join(config.dataDir, 'mailbox'), port: 0, logger });
    smtpUrl = `smtp://127.0.0.1:${mailCatcher.port}`;
  }
  const transport = smtpTransport(smtpUrl);
  const worker: OutboxWorker = startOutboxWorker({ store, keyring: secrets.keyring, transport, from: config.mailFrom, logger });

  const sessionCache = config.sessionCacheSeconds > 0 ? await startSessionCache(store, { ttlMs: config.sessionCacheSeconds * 1000 }) : undefined;
  const deps: AppDeps = { config, store, secrets, logger, mailCatcher, blobs, sessionCache };
  const sweeper = startUploadSweeper(deps, { maxIdleMs: config.abandonedUploadHours * 3_600_000 });
  const reminders = startReminderSweeper(deps);
  const auditLinker = startAuditLinker(deps);
  const app = buildApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  applyConnectionTimeouts(server, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(
    { mode: config.mode, url, publicUrl: config.publicUrl, database: store.db.kind, blobs: config.blobStore, mailbox: mailCatcher ? `${config.publicUrl}/dev/mailbox` : undefined },
    'Sealpost is listening',
  );

  return {
    server,
    url,
    deps,
    sweepNow: () => sweeper.sweepNow(),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await sweeper.stop();
      await reminders.stop();
      await sessionCache?.stop();
      await auditLinker.stop();
      transport.close();
      await mailCatcher?.stop();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof InvalidConfigError) {
      process.stderr.write(`Sealpost cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const running = await start(config);
  if (config.mode === 'embedded') {
    process.stdout.write(`\nSealpost is running at ${config.publicUrl}  (dev mailbox: ${config.publicUrl}/dev/mailbox)\n\n`);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping…\n`);
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Sealpost failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
