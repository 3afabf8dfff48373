/**
 * Key rotation, while the server keeps serving:
 *   npm run keys -- status           which key-encryption key wraps how many records
 *   npm run keys -- rotate           add a new active key, then re-wrap every data key under it, in batches
 *   npm run keys -- retire <keyId>   drop a key from the keyring once nothing uses it
 * The keyring must be a file (DATA_DIR/secrets/keyring.json in embedded mode, or SEALPOST_KEYRING naming a file);
 * running servers notice the change and re-read it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { aadFor, rewrapDataKey, rewrapRecord } from '../crypto/envelope';
import { fileKeyring, newKeyId, writeKeyringFile, type Keyring } from '../crypto/keyring';
import type { Config } from '../config';
import { outboxAad } from '../mail/outbox';
import { draftAad } from '../commands/drafts';
import { keyringFile } from '../secrets';
import type { Store } from '../store';
import { runCli } from './runCli';
import { WRAPPED_KINDS, type WrappedKind, type WrappedRow } from '../store/keyRotation';

const BATCH = 500;

function aadOf(kind: WrappedKind, row: WrappedRow): string {
  switch (kind) {
    case 'message':
      return aadFor(row.organizationId!, 'message', row.id);
    case 'file':
      return aadFor(row.organizationId!, 'file', row.id);
    case 'signature_request':
      return aadFor(row.organizationId!, 'signature_request', row.id);
    case 'outbox':
      return outboxAad({ organizationId: row.organizationId, template: row.template!, toAddress: row.toAddress! });
    case 'two_step':
      return `account:${row.id}|two_step_secret`;
    case 'draft':
      return draftAad(row.id);
  }
}

/** Re-wraps everything not under the active key; returns how many records moved, per kind. */
export async function rewrapAll(store: Store, keyring: Keyring): Promise<Record<WrappedKind, number>> {
  const moved = Object.fromEntries(WRAPPED_KINDS.map((k) => [k, 0])) as Record<WrappedKind, number>;
  for (const kind of WRAPPED_KINDS) {
    for (;;) {
      const batch = await store.keyRotation.batchNotUnder(kind, keyring.activeId, BATCH);
      if (!batch.length) break;
      for (const row of batch) {
        const aad = aadOf(kind, row);
        const value =
          kind === 'message' || kind === 'file' || kind === 'signature_request'
            ? rewrapDataKey(keyring, { keyId: row.keyId, wrapped: row.value }, aad).wrapped
            : rewrapRecord(keyring, row.value, aad)!;
        // A row changed meanwhile (re-sealed, deleted) is simply picked up again by the next batch, if still old.
        if (await store.keyRotation.replace(kind, row.id, row.value, keyring.activeId, value)) moved[kind] += 1;
      }
    }
  }
  return moved;
}

export async function runKeysCommand(config: Config, store: Store, args: string[]): Promise<string> {
  const file = keyringFile(config);
  if (!file) return 'SEALPOST_KEYRING holds the keyring inline. Rotation writes the keyring, so put it in a file (0600) and set SEALPOST_KEYRING to its path.';
  if (!fs.existsSync(file)) return `There is no keyring at ${file} yet. Start Sealpost once in embedded mode to create it, or point SEALPOST_KEYRING at yours.`;
  const keyring = fileKeyring(file);
  const [command, keyId] = args;
  const usage = await store.keyRotation.usage();
  const describe = () =>
    [...keyring.keys.keys()].map((id) => `  ${id}${id === keyring.activeId ? ' (active)' : ''}: ${usage[id] ?? 0} record(s)`).join('\n');

  if (command === 'status') return `Keys in ${file}:\n${describe()}`;
  if (command === 'rotate') {
    const id = newKeyId();
    const keys = new Map(keyring.keys);
    keys.set(id, randomBytes(32));
    writeKeyringFile(file, { activeId: id, keys });
    keyring.refresh!(true);
    const moved = await rewrapAll(store, keyring);
    const old = [...keyring.keys.keys()].filter((k) => k !== id);
    const after = await store.keyRotation.usage();
    const unused = old.filter((k) => !after[k]);
    return [
      `New active key ${id}. Re-wrapped ${Object.entries(moved).map(([k, n]) => `${n} ${k}`).join(', ')}.`,
      unused.length ? `No record uses ${unused.join(', ')} any more: retire with npm run keys -- retire <keyId>.` : '',
    ].filter(Boolean).join('\n');
  }
  if (command === 'retire' && keyId) {
    if (!keyring.keys.has(keyId)) return `The keyring has no key ${keyId}.`;
    if (keyId === keyring.activeId) return `${keyId} is the active key; rotate first.`;
    if (usage[keyId]) return `${keyId} still wraps ${usage[keyId]} record(s); run npm run keys -- rotate to move them first.`;
    const keys = new Map(keyring.keys);
    keys.delete(keyId);
    writeKeyringFile(file, { activeId: keyring.activeId, keys });
    return `Retired ${keyId}.`;
  }
  return 'Usage: npm run keys -- status | rotate | retire <keyId>';
}

if (require.main === module) runCli(runKeysCommand);
