/**
 * Structured logs (pino). Secrets and message content are redacted by path, whatever logs them; errors are reduced
 * to the fields that explain them, because database errors carry the query's values (PGlite adds `params`, and a
 * sign-up's values include the password hash; PostgreSQL's `detail` quotes the offending row).
 */
import pino from 'pino';

export const REDACT_PATHS = [
  'password', '*.password', 'newPassword', '*.newPassword',
  'token', '*.token', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken',
  'secret', '*.secret', 'key', '*.key', 'keyring', '*.keyring',
  'subject', '*.subject', 'body', '*.body', 'html', '*.html', 'text', '*.text',
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  'headers.authorization', 'headers.cookie',
];

export type Logger = pino.Logger;

/** What an error may bring into the log: what kind it is, where it came from, never the data it was about. */
const ERROR_FIELDS = ['code', 'status', 'severity', 'routine', 'schema', 'table', 'column', 'dataType', 'constraint', 'reason'];
const MAX_CAUSES = 3;

export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === 'object' && err !== null ? { type: typeof err } : err;
  const safe: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message: err.message, stack: err.stack };
  for (const field of ERROR_FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') safe[field] = value;
  }
  if (err.cause !== undefined && depth < MAX_CAUSES) safe.cause = serializeError(err.cause, depth + 1);
  return safe;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sealpost' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
