/**
 * The secrets a running Sealpost needs. Production takes them from the environment (config refuses to start
 * without them); embedded mode generates them once into DATA_DIR/secrets with 0600 permissions and reuses them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { fileKeyring, generateKeyring, loadKeyring, serializeKeyring, type Keyring } from './crypto/keyring';

export interface Secrets {
  jwtSecret: Buffer;
  keyring: Keyring;
}

/** A generated secret file: read it, or create it once with 0600 permissions (the first writer wins a race). */
export function readOrCreate(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx' fails if another process created it meanwhile; then theirs wins and we read it.
  try {
    fs.writeFileSync(file, create(), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8');
}

/** Where the keyring lives when it is a file (rotation writes there); null when it is given inline. */
export function keyringFile(config: Config): string | null {
  if (config.keyring) return config.keyring.trim().startsWith('{') ? null : config.keyring.trim();
  return config.mode === 'embedded' ? path.join(config.dataDir, 'secrets', 'keyring.json') : null;
}

function keyringFrom(config: Config): Keyring {
  const file = keyringFile(config);
  return file ? fileKeyring(file) : loadKeyring(config.keyring!);
}

export function loadSecrets(config: Config): Secrets {
  if (config.mode === 'production') {
    return { jwtSecret: config.jwtSecret!, keyring: keyringFrom(config) };
  }
  const dir = path.join(config.dataDir, 'secrets');
  const jwtSecret =
    config.jwtSecret ?? Buffer.from(readOrCreate(path.join(dir, 'jwt.key'), () => randomBytes(48).toString('base64')).trim(), 'base64');
  if (!config.keyring) readOrCreate(path.join(dir, 'keyring.json'), () => serializeKeyring(generateKeyring()));
  return { jwtSecret, keyring: keyringFrom(config) };
}
