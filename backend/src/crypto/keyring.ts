/**
 * Key-encryption keys (KEKs) with ids. One key is active and wraps new data keys; every listed key unwraps.
 * Format (env SEALPOST_KEYRING or a file it names): {"active":"<id>","keys":{"<id>":"<base64 of 32 bytes>"}}
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

export interface Keyring {
  activeId: string;
  keys: ReadonlyMap<string, Buffer>;
  /**
   * Re-reads a keyring kept in a file, so a running server learns of a rotation: `force` when a key id is unknown,
   * otherwise at most about once a second and only if the file changed.
   */
  refresh?: (force: boolean) => void;
}

export class KeyringError extends Error {}

export function parseKeyring(json: string): Keyring {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new KeyringError('the keyring is not valid JSON');
  }
  const shape = raw as { active?: unknown; keys?: unknown };
  if (typeof shape.active !== 'string' || typeof shape.keys !== 'object' || shape.keys === null) {
    throw new KeyringError('the keyring needs "active" (a key id) and "keys" (id → base64 key)');
  }
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(shape.keys as Record<string, unknown>)) {
    const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) throw new KeyringError(`keyring key "${id}" must be 32 bytes, base64-encoded`);
    keys.set(id, key);
  }
  if (!keys.has(shape.active)) throw new KeyringError(`the active key "${shape.active}" is not in the keyring`);
  return { activeId: shape.active, keys };
}

/** SEALPOST_KEYRING holds either the JSON itself or the path of a file that does. */
export function loadKeyring(source: string): Keyring {
  const trimmed = source.trim();
  return parseKeyring(trimmed.startsWith('{') ? trimmed : fs.readFileSync(trimmed, 'utf8'));
}

/** A keyring read from a file, which follows changes to that file (see `Keyring.refresh`). */
export function fileKeyring(file: string): Keyring {
  let loadedMtime = fs.statSync(file).mtimeMs;
  let checkedAt = Date.now();
  const keyring: Keyring = {
    ...parseKeyring(fs.readFileSync(file, 'utf8')),
    refresh(force) {
      if (!force && Date.now() - checkedAt < 1000) return;
      checkedAt = Date.now();
      const mtime = fs.statSync(file).mtimeMs;
      if (!force && mtime === loadedMtime) return;
      const fresh = parseKeyring(fs.readFileSync(file, 'utf8'));
      keyring.activeId = fresh.activeId;
      keyring.keys = fresh.keys;
      loadedMtime = mtime;
    },
  };
  return keyring;
}

/** Writes a keyring file atomically with owner-only permissions. */
export function writeKeyringFile(file: string, keyring: Keyring): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, serializeKeyring(keyring), { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function serializeKeyring(keyring: Keyring): string {
  const keys: Record<string, string> = {};
  for (const [id, key] of keyring.keys) keys[id] = key.toString('base64');
  return `${JSON.stringify({ active: keyring.activeId, keys }, null, 2)}\n`;
}

export function newKeyId(): string {
  return `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export function generateKeyring(): Keyring {
  const id = newKeyId();
  return { activeId: id, keys: new Map([[id, randomBytes(32)]]) };
}
