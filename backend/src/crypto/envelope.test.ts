import { randomBytes } from 'node:crypto';
import {
  DecryptionError,
  aadFor,
  newDataKey,
  openField,
  openRecord,
  sealField,
  sealRecord,
  unwrapDataKey,
  wrapDataKey,
} from './envelope';
import { generateKeyring, type Keyring } from './keyring';

const aad = aadFor('o1', 'message', 'm1', 'body');

/** Flips one bit of the decoded bytes: flipping a base64 character can land in padding bits. */
function flipBase64(text: string, at: number): string {
  const bytes = Buffer.from(text, 'base64');
  bytes[at] = bytes[at]! ^ 1;
  return bytes.toString('base64');
}

function withRecord(sealed: string, change: (record: Record<string, unknown>) => void): string {
  const record = JSON.parse(sealed) as Record<string, unknown>;
  change(record);
  return JSON.stringify(record);
}

describe('envelope', () => {
  const keyring = generateKeyring();

  test('when a record is sealed and opened with the same keyring and aad, then the text comes back', () => {
    const text = 'Grüße — the quarterly figures 📈';
    const sealed = sealRecord(keyring, text, aad);
    expect(sealed).not.toContain('quarterly');
    expect(openRecord(keyring, sealed, aad)).toBe(text);
    expect(openRecord(keyring, sealRecord(keyring, '', aad), aad)).toBe('');
  });

  test('when the same text is sealed twice, then the sealed values differ', () => {
    expect(sealRecord(keyring, 'same', aad)).not.toBe(sealRecord(keyring, 'same', aad));
  });

  test('when a record is opened with another aad, then it fails', () => {
    const sealed = sealRecord(keyring, 'secret', aad);
    const others = [
      aadFor('o2', 'message', 'm1', 'body'),
      aadFor('o1', 'message', 'm2', 'body'),
      aadFor('o1', 'message', 'm1', 'subject'),
    ];
    for (const other of others) {
      expect(() => openRecord(keyring, sealed, other)).toThrow(DecryptionError);
    }
  });

  test('when the keyring holds other bytes under the same key id, then opening fails', () => {
    const sealed = sealRecord(keyring, 'secret', aad);
    const impostor: Keyring = { activeId: keyring.activeId, keys: new Map([[keyring.activeId, randomBytes(32)]]) };
    expect(() => openRecord(impostor, sealed, aad)).toThrow(DecryptionError);
  });

  test('when the key id is not in the keyring, then opening fails', () => {
    const sealed = sealRecord(keyring, 'secret', aad);
    expect(() => openRecord(generateKeyring(), sealed, aad)).toThrow(DecryptionError);
    expect(() => openRecord(keyring, withRecord(sealed, (r) => (r.k = 'k-unknown')), aad)).toThrow(DecryptionError);
  });

  test('when a bit of the content or of the wrapped key is flipped, then opening fails', () => {
    const sealed = sealRecord(keyring, 'secret text', aad);
    const { c, w } = JSON.parse(sealed) as { c: string; w: string };
    for (const at of [0, 12, Buffer.from(c, 'base64').length - 1]) {
      const flippedContent = withRecord(sealed, (r) => (r.c = flipBase64(c, at)));
      const flippedKey = withRecord(sealed, (r) => (r.w = flipBase64(w, at)));
      expect(() => openRecord(keyring, flippedContent, aad)).toThrow(DecryptionError);
      expect(() => openRecord(keyring, flippedKey, aad)).toThrow(DecryptionError);
    }
  });

  test('when the sealed value is not canonical base64, then opening fails', () => {
    const sealed = sealRecord(keyring, 'secret', aad);
    const { c } = JSON.parse(sealed) as { c: string };
    expect(() => openRecord(keyring, withRecord(sealed, (r) => (r.c = ` ${c}`)), aad)).toThrow(DecryptionError);
  });

  test('when the sealed value is not a sealed record, then opening fails with the same error', () => {
    for (const bad of ['', 'not json', '{}', '{"v":2,"k":"a","w":"b","c":"d"}', 'null']) {
      expect(() => openRecord(keyring, bad, aad)).toThrow(DecryptionError);
    }
  });

  test('when the active key rotates, then records sealed under the old key still open', () => {
    const sealed = sealRecord(keyring, 'before rotation', aad);
    const rotated = generateKeyring();
    const both: Keyring = { activeId: rotated.activeId, keys: new Map([...keyring.keys, ...rotated.keys]) };
    expect(openRecord(both, sealed, aad)).toBe('before rotation');
    expect(JSON.parse(sealRecord(both, 'after', aad)).k).toBe(rotated.activeId);
  });

  test('when a data key is wrapped, re-wrapped under a new key and unwrapped, then fields still open', () => {
    const recordAad = aadFor('o1', 'message', 'm1');
    const dataKey = newDataKey();
    const sealedBody = sealField(dataKey, 'body text', aad);
    const rotated = generateKeyring();
    const both: Keyring = { activeId: rotated.activeId, keys: new Map([...keyring.keys, ...rotated.keys]) };
    const wrapped = wrapDataKey(keyring, dataKey, recordAad);
    const rewrapped = wrapDataKey(both, unwrapDataKey(both, wrapped, recordAad), recordAad);
    expect(rewrapped.keyId).toBe(rotated.activeId);
    expect(openField(unwrapDataKey(rotated, rewrapped, recordAad), sealedBody, aad)).toBe('body text');
    expect(() => unwrapDataKey(both, rewrapped, aadFor('o1', 'message', 'm2'))).toThrow(DecryptionError);
  });

  test('when a field is opened with another data key, then it fails', () => {
    const sealed = sealField(newDataKey(), 'text', aad);
    expect(() => openField(newDataKey(), sealed, aad)).toThrow(DecryptionError);
    expect(() => openField(newDataKey(), 'AAAA', aad)).toThrow(DecryptionError);
  });

  test('when aad is built, then it follows "org:<id>|<recordType>:<id>|<field>" and refuses separators', () => {
    expect(aad).toBe('org:o1|message:m1|body');
    expect(aadFor('o1', 'file', 'f1')).toBe('org:o1|file:f1');
    expect(() => aadFor('o1|x', 'message', 'm1')).toThrow(RangeError);
    expect(() => aadFor('o1', 'message', 'm:1')).toThrow(RangeError);
    expect(() => aadFor('', 'message', 'm1')).toThrow(RangeError);
  });
});
