/**
 * Every setting Sealpost reads, with its environment name, format, default and doc.
 * `loadConfig` validates them all at start and fails with one sentence naming the variable.
 * The README's configuration table is checked against `settings` by a test.
 */
import path from 'node:path';
import { hostNameOf, isLoopbackHost } from './http/loopback';

import { boolean, ConfigError, dnsServers, integer, oneOf, secret, text, url, type Mode, type Setting } from './configFormats';
import { blobSettings, missingBlobSetting, secretBlobSettings } from './blobSettings';
import { billingSettings } from './billingSettings';
import { limitSettings } from './limitSettings';
import { signingSettings } from './signatures/signingSettings';
import { entraJwksUrlProblem, entraSettings, secretEntraSettings } from './sso/entraSettings';

export type { Mode } from './configFormats';

export const settings = {
  mode: {
    env: 'SEALPOST_MODE',
    doc: 'embedded runs with zero set-up (PGlite, SMTP catcher, generated keys); production requires every secret and service to be given.',
    example: 'production',
    format: 'embedded | production',
    default: () => 'embedded',
    parse: oneOf(['embedded', 'production'] as const),
  },
  port: {
    env: 'PORT',
    doc: 'TCP port the HTTP server listens on.',
    example: '8080',
    format: 'integer 0-65535',
    default: () => '3000',
    parse: integer(0, 65535),
  },
  host: {
    env: 'HOST',
    doc: 'Interface the HTTP server binds to. Embedded mode stays on loopback because the dev mailbox is open to anyone who can reach it.',
    example: '0.0.0.0',
    format: 'IP address or host name',
    default: (mode) => (mode === 'embedded' ? '127.0.0.1' : '0.0.0.0'),
    parse: text,
  },
  dataDir: {
    env: 'DATA_DIR',
    doc: 'Directory for the embedded database, generated keys, caught mail and file blobs.',
    example: '/var/lib/sealpost',
    format: 'path',
    default: () => './data',
    parse: (raw: string) => path.resolve(raw),
  },
  publicUrl: {
    env: 'PUBLIC_URL',
    doc: 'The address people and Outlook use to reach Sealpost; links in emails start with it. Must be https in production.',
    example: 'https://sealpost.example.com',
    format: 'URL',
    default: (mode, env) => (mode === 'embedded' ? `http://localhost:${env.PORT ?? '3000'}` : undefined),
    requiredIn: ['production'],
    parse: url(['http:', 'https:']),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: 'PostgreSQL server to use. Unset in embedded mode means PGlite in DATA_DIR/pgdata.',
    example: 'postgres://sealpost:secret@db:5432/sealpost',
    format: 'postgres:// URL',
    default: () => undefined,
    requiredIn: ['production'],
    parse: url(['postgres:', 'postgresql:']),
  },
  databasePoolSize: {
    env: 'DATABASE_POOL_SIZE',
    doc: 'Connections kept open to the PostgreSQL server.',
    example: '20',
    format: 'integer 1-200',
    default: () => '10',
    parse: integer(1, 200),
  },
  smtpUrl: {
    env: 'SMTP_URL',
    doc: 'SMTP relay for outgoing mail. Unset in embedded mode means the built-in catcher and the dev mailbox at /dev/mailbox.',
    example: 'smtps://user:pass@smtp.example.com:465',
    format: 'smtp:// or smtps:// URL',
    default: () => undefined,
    requiredIn: ['production'],
    parse: url(['smtp:', 'smtps:']),
  },
  mailFrom: {
    env: 'MAIL_FROM',
    doc: 'Sender address of every email Sealpost sends.',
    example: 'Sealpost <no-reply@sealpost.example.com>',
    format: 'email address, optionally with a name',
    default: () => 'Sealpost <no-reply@sealpost.localhost>',
    parse: text,
  },
  jwtSecret: {
    env: 'JWT_SECRET',
    doc: 'Key that signs access tokens (HS256). Embedded mode generates one into DATA_DIR/secrets.',
    example: '(output of: openssl rand -base64 48)',
    format: 'at least 32 random bytes, base64',
    default: () => undefined,
    requiredIn: ['production'],
    parse: secret(32),
  },
  keyring: {
    env: 'SEALPOST_KEYRING',
    doc: 'Key-encryption keys, as JSON {"active":"id","keys":{"id":"base64 32 bytes"}} or the path of a file holding it. Embedded mode generates DATA_DIR/secrets/keyring.json.',
    example: '/run/secrets/sealpost-keyring.json',
    format: 'JSON or file path',
    default: () => undefined,
    requiredIn: ['production'],
    parse: text,
  },
  accessTokenSeconds: {
    env: 'ACCESS_TOKEN_SECONDS',
    doc: 'Lifetime of an access token.',
    example: '600',
    format: 'integer 60-900',
    default: () => '900',
    parse: integer(60, 900),
  },
  sessionDays: {
    env: 'SESSION_DAYS',
    doc: 'How long a session (and its refresh token family) lives without the person signing in again.',
    example: '14',
    format: 'integer 1-90',
    default: () => '30',
    parse: integer(1, 90),
  },
  embeddedAllowPublic: {
    env: 'EMBEDDED_ALLOW_PUBLIC',
    doc: 'Let embedded mode with its dev mailbox (SMTP_URL unset) bind a HOST or announce a PUBLIC_URL that is not loopback, for a demo on a private network. The dev mailbox still answers only requests made on this machine.',
    example: 'true',
    format: 'true | false',
    default: () => 'false',
    parse: boolean,
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    doc: 'Trust X-Forwarded-* from one reverse proxy (set it when TLS ends at a proxy in front of Sealpost).',
    example: 'true',
    format: 'true | false',
    default: () => 'false',
    parse: boolean,
  },
  jsonBodyLimit: {
    env: 'JSON_BODY_LIMIT_KB',
    doc: 'Largest JSON request body accepted.',
    example: '2048',
    format: 'integer 16-65536 (KiB)',
    default: () => '1024',
    parse: integer(16, 65536),
  },
  seatPriceCents: {
    env: 'SEAT_PRICE_CENTS',
    doc: 'Monthly price of one pro seat, in cents, recorded with every seat purchase.',
    example: '1500',
    format: 'integer 0-10000000',
    default: () => '1000',
    parse: integer(0, 10_000_000),
  },
  abandonedUploadHours: {
    env: 'ABANDONED_UPLOAD_HOURS',
    doc: 'Hours an upload may sit unfinished, or finished but never sent with a message, before a periodic sweep deletes it and its encrypted bytes.',
    example: '72',
    format: 'integer 1-8760',
    default: () => '24',
    parse: integer(1, 8760),
  },
  sessionCacheSeconds: {
    env: 'SESSION_CACHE_SECONDS',
    doc: 'Seconds an instance may answer a session check from memory; every change that ends or alters access is told to every instance at once (PostgreSQL LISTEN/NOTIFY), so this only bounds a notice that could be missed. 0 reads the database on every request.',
    example: '10',
    format: 'integer 0-300',
    default: () => '30',
    parse: integer(0, 300),
  },
  uploadIdleSeconds: {
    env: 'UPLOAD_IDLE_SECONDS',
    doc: 'Seconds an upload chunk may go without a byte arriving before it is cut off (its whole segments are kept), so a stalled client cannot hold an upload.',
    example: '30',
    format: 'integer 1-3600',
    default: () => '60',
    parse: integer(1, 3600),
  },
  requestTimeoutSeconds: {
    env: 'REQUEST_TIMEOUT_SECONDS',
    doc: 'Seconds a request may take to arrive in full (headers and body) before its connection is closed with 408, so half-sent bodies cannot hold connections. Upload chunks are exempt: UPLOAD_IDLE_SECONDS bounds them.',
    example: '60',
    format: 'integer 5-3600',
    default: () => '120',
    parse: integer(5, 3600),
  },
  headersTimeoutSeconds: {
    env: 'HEADERS_TIMEOUT_SECONDS',
    doc: 'Seconds a request may take to send its headers; at most REQUEST_TIMEOUT_SECONDS.',
    example: '10',
    format: 'integer 1-600',
    default: () => '20',
    parse: integer(1, 600),
  },
  idleTimeoutSeconds: {
    env: 'IDLE_TIMEOUT_SECONDS',
    doc: 'Seconds a connection may go without a byte in either direction, mid-request, before it is closed. Upload chunks get UPLOAD_IDLE_SECONDS on top.',
    example: '60',
    format: 'integer 1-3600',
    default: () => '30',
    parse: integer(1, 3600),
  },
  ...limitSettings,
  ...billingSettings,
  ...signingSettings,
  ...blobSettings,
  ...entraSettings,
  logLevel: {
    env: 'LOG_LEVEL',
    doc: 'Least severe log level written.',
    example: 'debug',
    format: 'fatal | error | warn | info | debug | trace | silent',
    default: () => 'info',
    parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
  },
  addinBaseUrl: {
    env: 'ADDIN_BASE_URL',
    doc: 'Where Outlook loads the add-in from: the built manifest points there, the well-known file allows its event script, and CORS admits its origin. Outlook needs https.',
    example: 'https://sealpost.example.com',
    format: 'URL',
    default: (mode, env) => env.PUBLIC_URL || (mode === 'embedded' ? `http://localhost:${env.PORT ?? '3000'}` : undefined),
    parse: url(['http:', 'https:']),
  },
  addinSendMode: {
    env: 'ADDIN_SEND_MODE',
    doc: 'SendMode written into the built add-in manifest. SoftBlock lets mail go when the add-in cannot run; Block stops every send until it runs (for admin-deployed, fail-closed set-ups).',
    example: 'Block',
    format: 'SoftBlock | Block',
    default: () => 'SoftBlock',
    parse: oneOf(['SoftBlock', 'Block'] as const),
  },
  dnsServers: {
    env: 'DNS_SERVERS',
    doc: 'DNS servers asked for the TXT records that prove domain ownership. Unset means the system resolvers.',
    example: '1.1.1.1,8.8.8.8:53',
    format: 'comma-separated ip[:port] list',
    default: () => '',
    parse: dnsServers,
  },
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof settings;
type Parsed<K extends keyof Settings> = ReturnType<Settings[K]['parse']>;

export type Config = {
  [K in keyof Settings]: Settings[K] extends { requiredIn: Mode[] } ? Parsed<K> | undefined : Parsed<K>;
} & {
  mode: Mode;
  /** Hold every JSON answer against its contract entry. Never read from the environment: only testing/testServer.ts sets it. */
  checkAnswers?: boolean;
};

export class InvalidConfigError extends Error {}

/** Reads and validates every setting; throws InvalidConfigError with one sentence naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const rawMode = env.SEALPOST_MODE === '' ? undefined : env.SEALPOST_MODE;
  const mode = read('mode', settings.mode, { ...env, SEALPOST_MODE: rawMode }, 'embedded') as Mode;
  const out: Record<string, unknown> = { mode };
  for (const [key, setting] of Object.entries(settings) as [string, Setting<unknown>][]) {
    if (key === 'mode') continue;
    out[key] = read(key, setting, env, mode);
  }
  if (mode === 'production' && !String(out.publicUrl).startsWith('https://')) {
    throw new InvalidConfigError('PUBLIC_URL must be an https:// address in production mode, because Outlook only loads add-ins over HTTPS.');
  }
  refuseReachableMailbox(out as Config);
  const jwksProblem = entraJwksUrlProblem(out as Config, isLoopbackHost);
  if (jwksProblem) throw new InvalidConfigError(jwksProblem);
  const missingBlob = missingBlobSetting(out as Config);
  if (missingBlob) throw new InvalidConfigError(missingBlob);
  if ((out.headersTimeoutSeconds as number) > (out.requestTimeoutSeconds as number)) {
    throw new InvalidConfigError('HEADERS_TIMEOUT_SECONDS must not be more than REQUEST_TIMEOUT_SECONDS, since the headers are part of the request.');
  }
  return out as Config;
}

/**
 * The dev mailbox shows every email Sealpost sends, password-reset and invitation links included, to whoever reaches
 * it. So embedded mode with the mailbox stays on this machine: a HOST or PUBLIC_URL that others can reach (a LAN
 * address, a proxy's public name) is refused unless EMBEDDED_ALLOW_PUBLIC says it is meant.
 */
function refuseReachableMailbox(config: Config): void {
  if (config.mode !== 'embedded' || config.smtpUrl || config.embeddedAllowPublic) return;
  const remedy =
    'the dev mailbox would show every email, reset and invitation links included, to anyone who can reach it. ' +
    'Set SMTP_URL to send real mail, run SEALPOST_MODE=production, or set EMBEDDED_ALLOW_PUBLIC=true for a demo on a private network.';
  if (!isLoopbackHost(hostNameOf(config.host) ?? config.host)) {
    throw new InvalidConfigError(`HOST ${abbreviate(config.host, 'host')} is not a loopback address in embedded mode: ${remedy}`);
  }
  if (!isLoopbackHost(new URL(config.publicUrl!).hostname)) {
    throw new InvalidConfigError(`PUBLIC_URL ${abbreviate(config.publicUrl!, 'publicUrl')} is not on localhost in embedded mode: ${remedy}`);
  }
}

function read(key: string, setting: Setting<unknown>, env: NodeJS.ProcessEnv, mode: Mode): unknown {
  const given = env[setting.env];
  const raw = given === undefined || given === '' ? setting.default(mode, env) : given;
  if (raw === undefined) {
    if (setting.requiredIn?.includes(mode)) {
      throw new InvalidConfigError(`${setting.env} is required in ${mode} mode: ${setting.doc}`);
    }
    return undefined;
  }
  try {
    return setting.parse(raw);
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new InvalidConfigError(`${setting.env} ${err.message} (got "${abbreviate(raw, key)}").`);
    }
    throw err;
  }
}

/** Never echo a secret back in an error message. */
function abbreviate(raw: string, key: string): string {
  if (key === 'jwtSecret' || key === 'keyring' || key === 'smtpUrl' || key === 'databaseUrl' || secretBlobSettings.includes(key) || secretEntraSettings.includes(key)) return '…';
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}
