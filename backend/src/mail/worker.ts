/**
 * The outbox worker: claims due emails under a lease, opens their sealed content and sends them.
 * Failures are retried with exponential backoff and jitter until `maxAttempts`, then the row is marked failed.
 *
 * Delivery is at-least-once: a crash between the SMTP "250 OK" and `markSent` resends the row once its lease runs
 * out, which is why every send carries a stable Message-ID (`<outbox-id@sealpost>`) a downstream can dedupe on.
 * Logs carry only the outbox id, template, attempt and error code: never addresses, subjects, bodies or links.
 */
import type { Logger } from 'pino';
import type { Keyring } from '../crypto/keyring';
import type { OutboxEmail, Store } from '../store';
import { openOutboxEmail } from './outbox';
import { fromHeader } from './senderAddress';
import type { EmailContent } from './templates';
import type { MailTransport } from './transport';

export interface OutboxWorker {
  /** send everything due now; resolves with how many were sent */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export interface OutboxWorkerOptions {
  store: Store;
  keyring: Keyring;
  transport: MailTransport;
  from: string;
  logger: Logger;
  pollMs?: number;
  baseRetryMs?: number;
  maxAttempts?: number;
  now?: () => Date;
}

export const MAX_RETRY_MS = 60 * 60 * 1000;
/** Longer than any SMTP conversation can take (see SMTP_TIMEOUT_MS), so a live send is never claimed twice. */
export const LEASE_SECONDS = 120;
const BATCH_SIZE = 10;

/** Exponential backoff capped at an hour, with "equal jitter": half fixed, half random, so retries spread out. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export function messageIdFor(outboxId: string): string {
  return `<${outboxId}@sealpost>`;
}

/** A short code for the row and the logs; the server's reply text is dropped because it may echo the recipient. */
export function sendErrorCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const name = typeof code === 'string' && /^[A-Za-z0-9_]{1,32}$/.test(code) ? code : 'send_failed';
  return typeof responseCode === 'number' ? `${name} ${responseCode}` : name;
}

/** A 5xx reply to the message or envelope will not change on retry; authentication errors may, once fixed. */
function isPermanent(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
}

type Outcome = 'sent' | 'retry' | 'failed';

export function startOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { store, keyring, transport, from, logger } = opts;
  // One indexed query a second keeps emails prompt without a wake-up channel between instances.
  const pollMs = opts.pollMs ?? 1_000;
  const baseRetryMs = opts.baseRetryMs ?? 30_000;
  const maxAttempts = opts.maxAttempts ?? 10;
  const now = opts.now ?? (() => new Date());

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // Drains of one worker run one after another; concurrency between workers is the lease's job.
  let chain: Promise<unknown> = Promise.resolve();
  let draining = false;

  async function fail(row: OutboxEmail, code: string): Promise<Outcome> {
    await store.outbox.markFailed(row.id, code);
    logger.error({ outboxId: row.id, template: row.template, attempt: row.attempts, code }, 'email failed, giving up');
    return 'failed';
  }

  async function sendOne(row: OutboxEmail): Promise<Outcome> {
    let content: EmailContent;
    try {
      content = openOutboxEmail(keyring, row);
    } catch {
      // Tampered, or sealed with a key no longer in the keyring: retrying cannot help.
      return fail(row, 'sealed_unreadable');
    }
    try {
      const { senderName, ...body } = content;
      await transport.send({ messageId: messageIdFor(row.id), from: fromHeader(from, senderName), to: row.toAddress, ...body });
    } catch (error) {
      const code = sendErrorCode(error);
      if (isPermanent(error) || row.attempts >= maxAttempts) return fail(row, code);
      const delay = retryDelayMs(row.attempts, baseRetryMs);
      await store.outbox.scheduleRetry(row.id, code, new Date(now().getTime() + delay));
      logger.warn({ outboxId: row.id, template: row.template, attempt: row.attempts, code, retryInMs: delay }, 'email send failed, will retry');
      return 'retry';
    }
    await store.outbox.markSent(row.id);
    logger.info({ outboxId: row.id, template: row.template, attempt: row.attempts }, 'email sent');
    return 'sent';
  }

  async function drainOnce(): Promise<number> {
    let sent = 0;
    while (!stopped) {
      // claimDue counts the attempt and leases the rows, so another worker skips them meanwhile.
      const batch = await store.outbox.claimDue(BATCH_SIZE, LEASE_SECONDS);
      let retrying = false;
      for (const [index, row] of batch.entries()) {
        if (stopped) {
          // Hand back what this worker claimed but will not send, rather than leaving it leased.
          for (const rest of batch.slice(index)) {
            await store.outbox.scheduleRetry(rest.id, rest.lastError ?? 'interrupted', rest.nextAttemptAt);
          }
          break;
        }
        const outcome = await sendOne(row);
        if (outcome === 'sent') sent += 1;
        if (outcome === 'retry') retrying = true;
      }
      // A failed send means the relay is likely down: stop here and let the schedule decide when to try again
      // (this also keeps a retry that is already due from looping inside one drain).
      if (batch.length < BATCH_SIZE || retrying) break;
    }
    return sent;
  }

  function drain(): Promise<number> {
    const run = chain.then(async () => {
      draining = true;
      try {
        return await drainOnce();
      } finally {
        draining = false;
      }
    });
    chain = run.catch(() => undefined);
    return run;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      const tick = draining ? chain : drain();
      tick
        .catch((error: unknown) => logger.error({ code: sendErrorCode(error) }, 'outbox poll failed'))
        .finally(schedule);
    }, pollMs);
    // The poll must not keep the process alive on its own.
    timer.unref();
  }
  schedule();

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}
