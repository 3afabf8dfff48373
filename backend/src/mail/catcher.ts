/**
 * The embedded-mode SMTP catcher: a real SMTP server on loopback that accepts every message and keeps it as an
 * .eml file in a directory, so caught mail survives restarts and the dev mailbox can show it.
 *
 * The file name is the message id: `<received ms, 13 digits>-<random hex>.eml`, so names sort by arrival and the
 * arrival time needs no separate index. The envelope is kept by prepending `Return-Path` and `X-Envelope-To`
 * headers, as a delivering mail server would.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: string;
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

export interface MailCatcher {
  port: number;
  /** newest first */
  list(): Promise<CaughtMail[]>;
  get(id: string): Promise<CaughtMail | null>;
  stop(): Promise<void>;
}

const ID_PATTERN = /^(\d{13})-([0-9a-f]{16})$/;
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Envelope addresses come from SMTP command lines, but a header must never be split by one. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

function addressTexts(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((group) => group.value.map((a) => a.address ?? a.name)).filter((a) => a.length > 0);
}

async function parse(id: string, receivedMs: number, file: string): Promise<CaughtMail> {
  const parsed = await simpleParser(await fs.readFile(file));
  const envelopeTo = parsed.headers.get('x-envelope-to');
  const to =
    typeof envelopeTo === 'string'
      ? envelopeTo.split(',').map((a) => a.trim()).filter((a) => a.length > 0)
      : addressTexts(parsed.to);
  return {
    id,
    receivedAt: new Date(receivedMs),
    from: parsed.from?.text ?? '',
    to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
  };
}

export async function startMailCatcher(opts: {
  dir: string;
  port?: number;
  host?: string;
  logger?: Logger;
}): Promise<MailCatcher> {
  const { dir, logger } = opts;
  await fs.mkdir(dir, { recursive: true });
  // Caught mail is immutable, so each file is parsed once.
  const cache = new Map<string, CaughtMail>();
  let lastMs = 0;

  function newId(): string {
    // Strictly increasing, so two messages in the same millisecond still list in arrival order.
    lastMs = Math.max(Date.now(), lastMs + 1);
    return `${String(lastMs).padStart(13, '0')}-${randomBytes(8).toString('hex')}`;
  }

  const server = new SMTPServer({
    // Loopback only and no TLS: clients must not try STARTTLS against a certificate nobody can verify.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    banner: 'Sealpost mail catcher',
    logger: false,
    closeTimeout: 5_000,
    async onData(stream, session, callback) {
      const id = newId();
      const temp = path.join(dir, `.${id}.tmp`);
      try {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => headerSafe(r.address)).join(', ');
        const out = createWriteStream(temp, { flags: 'wx' });
        out.write(`Return-Path: <${headerSafe(from)}>\r\nX-Envelope-To: ${to}\r\n`);
        await pipeline(stream, out);
        if (stream.sizeExceeded) {
          await fs.rm(temp, { force: true });
          const error = Object.assign(new Error('Message too large'), { responseCode: 552 });
          return callback(error);
        }
        // Rename last, so a listing never sees a half-written message.
        await fs.rename(temp, path.join(dir, `${id}.eml`));
        logger?.info({ caughtMailId: id }, 'mail caught');
        callback();
      } catch (error) {
        await fs.rm(temp, { force: true }).catch(() => undefined);
        logger?.error({ code: (error as { code?: unknown }).code }, 'could not store caught mail');
        callback(Object.assign(new Error('Could not store the message'), { responseCode: 451 }));
      }
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client misbehaving must not crash the process.
  server.on('error', (error: { code?: unknown }) => logger?.warn({ code: error.code }, 'mail catcher connection error'));
  const port = (server.server.address() as AddressInfo).port;

  async function get(id: string): Promise<CaughtMail | null> {
    const match = ID_PATTERN.exec(id);
    if (!match) return null; // also keeps ids from naming paths outside the directory
    const cached = cache.get(id);
    if (cached) return cached;
    try {
      const mail = await parse(id, Number(match[1]), path.join(dir, `${id}.eml`));
      cache.set(id, mail);
      return mail;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
  }

  return {
    port,
    get,
    async list() {
      const names = await fs.readdir(dir);
      const ids = names
        .filter((name) => name.endsWith('.eml'))
        .map((name) => name.slice(0, -'.eml'.length))
        .filter((id) => ID_PATTERN.test(id))
        .sort()
        .reverse();
      const mails = await Promise.all(ids.map(get));
      return mails.filter((mail): mail is CaughtMail => mail !== null);
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
