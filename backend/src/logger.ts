/** Structured logs (pino). Secrets and message content are redacted by path, whatever logs them. */
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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sealpost' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
