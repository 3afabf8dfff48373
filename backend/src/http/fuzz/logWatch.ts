/**
 * The server's log as a test sees it (pino's lines, kept in memory), and the secrets that must never be in it:
 * argon2 hashes, JWTs, the personas' passwords and refresh tokens, and whatever a request sent in a secret field.
 */
import type { DestinationStream } from 'pino';

export interface LogWatch {
  stream: DestinationStream;
  lines: string[];
}

export function watchLog(): LogWatch {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

const SECRET_SHAPES: [string, RegExp][] = [
  ['an argon2 hash', /\$argon2(id|i|d)\$/],
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

/** What each line holds that it must not: a description per finding, with the line cut short. */
export function secretsInLog(lines: string[], knownSecrets: string[]): string[] {
  const found: string[] = [];
  // a secret appears in a JSON log line escaped as JSON would escape it
  const known = knownSecrets.filter((s) => s.length >= 8).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  for (const line of lines) {
    for (const [what, shape] of SECRET_SHAPES) if (shape.test(line)) found.push(`${what} in ${line.slice(0, 300)}`);
    for (const secret of known) if (line.includes(secret)) found.push(`a secret sent by the client (${JSON.stringify(secret.slice(0, 40))}) in ${line.slice(0, 300)}`);
  }
  return found;
}
