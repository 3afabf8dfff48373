/** Base64 and UTF-8 without browser built-ins, checked against Node's Buffer; the message fingerprint. */
import { base64ToBytes, fingerprint, utf8Bytes } from './bytes';

test('when base64 of any length is decoded, then the bytes match Buffer', () => {
  for (let n = 0; n < 40; n++) {
    const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) % 256));
    expect(Buffer.from(base64ToBytes(bytes.toString('base64')))).toEqual(bytes);
    expect(Buffer.from(base64ToBytes(bytes.toString('base64url')))).toEqual(bytes);
  }
  expect(Buffer.from(base64ToBytes('aGVs\r\nbG8='))).toEqual(Buffer.from('hello'));
});

test('when the text is not base64, then decoding throws', () => {
  expect(() => base64ToBytes('ab$c')).toThrow(/not base64/);
});

test('when text with accents, emoji and a lone surrogate is encoded, then the bytes match UTF-8', () => {
  expect(Buffer.from(utf8Bytes('é€𝄞 ok'))).toEqual(Buffer.from('é€𝄞 ok', 'utf8'));
  expect(Buffer.from(utf8Bytes('a\ud800b'))).toEqual(Buffer.from('a\ufffdb', 'utf8'));
});

test('when two texts differ by one character, then their fingerprints differ; the same text gives the same one', () => {
  expect(fingerprint('{"subject":"a"}')).toBe(fingerprint('{"subject":"a"}'));
  expect(fingerprint('{"subject":"a"}')).not.toBe(fingerprint('{"subject":"b"}'));
  expect(fingerprint('')).toMatch(/^[0-9a-f]{16}$/);
});
