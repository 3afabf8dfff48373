/**
 * The secrets a running Sealpost needs. Production takes them from the environment (config refuses to start
 * without them); embedded mode generates them once into DATA_DIR/secrets with 0600 permissions and reuses them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { generateKeyring, loadKeyring, serializeKeyring, type Keyring } from './crypto/keyring';

export interface Secrets {
  jwtSecret: Buffer;
  keyring: Keyring;
}

function readOrCreate(file: string, create: () => string): string {
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

export function loadSecrets(config: Config): Secrets {
  if (config.mode === 'production') {
    return { jwtSecret: config.jwtSecret!, keyring: loadKeyring(config.keyring!) };
  }
  const dir = path.join(config.dataDir, 'secrets');
  const jwtSecret =
    config.jwtSecret ?? Buffer.from(readOrCreate(path.join(dir, 'jwt.key'), () => randomBytes(48).toString('base64')).trim(), 'base64');
  const keyring = config.keyring
    ? loadKeyring(config.keyring)
    : loadKeyring(readOrCreate(path.join(dir, 'keyring.json'), () => serializeKeyring(generateKeyring())));
  return { jwtSecret, keyring };
}
