/** Embedded mode generates its keys once, private to the owner, and reuses them on the next start. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from './config';
import { loadSecrets } from './secrets';

test('when embedded mode starts twice on one data dir, then keys are generated 0600 once and reused', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-secrets-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  const first = loadSecrets(config);
  for (const file of ['jwt.key', 'keyring.json']) {
    expect(fs.statSync(path.join(dataDir, 'secrets', file)).mode & 0o777).toBe(0o600);
  }
  expect(first.jwtSecret.length).toBe(48);
  const second = loadSecrets(config);
  expect(second.jwtSecret.equals(first.jwtSecret)).toBe(true);
  expect(second.keyring.activeId).toBe(first.keyring.activeId);
  expect(second.keyring.keys.get(second.keyring.activeId)!.equals(first.keyring.keys.get(first.keyring.activeId)!)).toBe(true);
  fs.rmSync(dataDir, { recursive: true });
});
