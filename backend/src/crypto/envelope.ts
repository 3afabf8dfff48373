/**
 * Envelope encryption of small records: a fresh 256-bit data key per record seals the content with AES-256-GCM,
 * and the active key-encryption key wraps the data key. Associated data binds the ciphertext to where it belongs
 * (organization, record id, field), so a sealed value moved elsewhere does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

export class DecryptionError extends Error {
  constructor() {
    super('the sealed value could not be opened (tampered, wrong key or wrong record)');
    this.name = 'DecryptionError';
  }
}

export interface WrappedKey {
  keyId: string;
  /** base64: nonce(12) ‖ ciphertext(32) ‖ tag(16) */
  wrapped: string;
}

/**
 * Associated data for a sealed value: "org:<id>|<recordType>:<id>" plus "|<field>" for one field of the record.
 * Parts may not contain the separators, so two different places never produce the same string.
 */
export function aadFor(orgId: string, recordType: string, recordId: string, field?: string): string {
  const parts = field === undefined ? [orgId, recordType, recordId] : [orgId, recordType, recordId, field];
  if (parts.some((part) => part === '' || /[|:]/.test(part))) {
    throw new RangeError('associated data parts must be non-empty and free of "|" and ":"');
  }
  const base = `org:${orgId}|${recordType}:${recordId}`;
  return field === undefined ? base : `${base}|${field}`;
}

/** Base64 that decodes only if it is exactly what we would have written: Buffer.from ignores stray characters. */
function fromCanonicalBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new DecryptionError();
  return bytes;
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new DecryptionError();
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapDataKey(keyring: Keyring, dataKey: Buffer, aad: string): WrappedKey {
  keyring.refresh?.(false);
  const kek = keyring.keys.get(keyring.activeId);
  if (!kek) throw new Error(`the active key "${keyring.activeId}" is not in the keyring`);
  if (dataKey.length !== 32) throw new RangeError('a data key must be 32 bytes');
  return { keyId: keyring.activeId, wrapped: gcmSeal(kek, dataKey, `wrap|${aad}`).toString('base64') };
}

export function unwrapDataKey(keyring: Keyring, key: WrappedKey, aad: string): Buffer {
  // A key id we do not know may have been added by a rotation since we loaded the keyring.
  if (!keyring.keys.has(key.keyId)) keyring.refresh?.(true);
  const kek = keyring.keys.get(key.keyId);
  if (!kek) throw new DecryptionError();
  const dataKey = gcmOpen(kek, fromCanonicalBase64(key.wrapped), `wrap|${aad}`);
  if (dataKey.length !== 32) throw new DecryptionError();
  return dataKey;
}

/** Seals one field with a data key; `aad` names the organization, record and field. Output is base64. */
export function sealField(dataKey: Buffer, plaintext: string, aad: string): string {
  return gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), aad).toString('base64');
}

export function openField(dataKey: Buffer, sealed: string, aad: string): string {
  return gcmOpen(dataKey, fromCanonicalBase64(sealed), aad).toString('utf8');
}

/** Re-wraps a data key under the keyring's active key (key rotation); the content it seals is untouched. */
export function rewrapDataKey(keyring: Keyring, key: WrappedKey, aad: string): WrappedKey {
  return wrapDataKey(keyring, unwrapDataKey(keyring, key, aad), aad);
}

/** A sealed record re-wrapped under the active key, or null when it already is. */
export function rewrapRecord(keyring: Keyring, sealed: string, aad: string): string | null {
  const parsed = JSON.parse(sealed) as { v: 1; k: string; w: string; c: string };
  if (parsed.k === keyring.activeId) return null;
  const key = rewrapDataKey(keyring, { keyId: parsed.k, wrapped: parsed.w }, aad);
  return JSON.stringify({ ...parsed, k: key.keyId, w: key.wrapped });
}

/** A self-contained sealed record: its own wrapped data key plus the sealed content, as one JSON string. */
export function sealRecord(keyring: Keyring, plaintext: string, aad: string): string {
  const dataKey = newDataKey();
  const key = wrapDataKey(keyring, dataKey, aad);
  return JSON.stringify({ v: 1, k: key.keyId, w: key.wrapped, c: sealField(dataKey, plaintext, aad) });
}

export function openRecord(keyring: Keyring, sealed: string, aad: string): string {
  let parsed: { v?: unknown; k?: unknown; w?: unknown; c?: unknown } | null;
  try {
    parsed = JSON.parse(sealed);
  } catch {
    throw new DecryptionError();
  }
  // "null", numbers and strings are valid JSON too
  if (typeof parsed !== 'object' || parsed === null) throw new DecryptionError();
  if (parsed.v !== 1 || typeof parsed.k !== 'string' || typeof parsed.w !== 'string' || typeof parsed.c !== 'string') {
    throw new DecryptionError();
  }
  const dataKey = unwrapDataKey(keyring, { keyId: parsed.k, wrapped: parsed.w }, aad);
  return openField(dataKey, parsed.c, aad);
}
