import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { StreamDecryptionError } from './stream';
import { HEADER_SIZE, MAX_SEGMENT_SIZE, encryptedSize, parseStreamHeader, segmentCount } from './streamFormat';
import { encryptAll } from './testing/streamHarness';

// Known answers pin the file format: if one changes, files already stored would no longer open.
// The expected values were also checked against an independent implementation (Python `cryptography`).
const dataKey = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const salt = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x40 + i));
const noncePrefix = Buffer.from('a0a1a2a3a4a5a6', 'hex');
const aad = 'org:o1|file:f1';
const fox = Buffer.from('The quick brown fox jumps over the lazy dog');

const FOX_16 =
  '535053540100000010' + // "SPST", version 1, segment size 16
  '404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f' + // salt
  'a0a1a2a3a4a5a6' + // nonce prefix
  '6cad758111b5f8845f04413ff08956aa9ad81987487d45e1d34b1e644c475ec4' + // segment 0
  'b5a08813e6301b171d23f96a0a99546bf2d89a086261ffa09f9f3c3611ecde34' + // segment 1
  '393b2aaab406433b0143df742127f8e3f5397705cd94181595c121'; // segment 2 (last, 11 bytes)

describe('file format', () => {
  test('when a known file is encrypted with fixed key, salt and nonce prefix, then the bytes are the known ones', async () => {
    const sealed = await encryptAll(fox, { dataKey, aad, testing: { salt, noncePrefix, segmentSize: 16 } });
    expect(sealed.toString('hex')).toBe(FOX_16);
  });

  test('when a 200,000-byte file is encrypted with the default segment size, then its digest is the known one', async () => {
    const plain = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) & 0xff));
    const sealed = await encryptAll(plain, { dataKey, aad, testing: { salt, noncePrefix } });
    expect(sealed.length).toBe(200_112);
    expect(createHash('sha256').update(sealed).digest('hex')).toBe(
      'da26d400533ed0f194a11fded14388c5079c7c2bca6836bd31b4a7a39e1d6031',
    );
  });

  test('when the file is rebuilt by following README.md step by step, then it matches the stream', () => {
    const header = Buffer.concat([Buffer.from('SPST'), Buffer.from([1, 0, 0, 0, 16]), salt, noncePrefix]);
    const info = Buffer.concat([header.subarray(0, 9), Buffer.from(aad)]);
    const fileKey = Buffer.from(hkdfSync('sha256', dataKey, salt, info, 32));
    const segments = [fox.subarray(0, 16), fox.subarray(16, 32), fox.subarray(32)].map((plain, index, all) => {
      const last = index === all.length - 1;
      const nonce = Buffer.concat([noncePrefix, Buffer.from([0, 0, 0, index, last ? 1 : 0])]);
      const cipher = createCipheriv('aes-256-gcm', fileKey, nonce);
      return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    });
    expect(Buffer.concat([header, ...segments]).toString('hex')).toBe(FOX_16);
  });

  test('when sizes are computed, then they count one tag per segment and one segment for an empty file', () => {
    expect(HEADER_SIZE).toBe(48);
    expect(segmentCount(0, 16)).toBe(1);
    expect(encryptedSize(0, 16)).toBe(64);
    expect(encryptedSize(16, 16)).toBe(80);
    expect(encryptedSize(17, 16)).toBe(97);
    expect(encryptedSize(fox.length, 16)).toBe(FOX_16.length / 2);
    expect(encryptedSize(1024 * 1024, 64 * 1024)).toBe(48 + 1024 * 1024 + 16 * 16);
  });

  test('when a header is malformed, then parsing fails with reason "header"', () => {
    const good = Buffer.from(FOX_16, 'hex').subarray(0, HEADER_SIZE);
    expect(parseStreamHeader(good)).toEqual({ segmentSize: 16, salt, noncePrefix });
    const withSize = (size: number) => {
      const copy = Buffer.from(good);
      copy.writeUInt32BE(size, 5);
      return copy;
    };
    for (const bad of [good.subarray(0, HEADER_SIZE - 1), withSize(0), withSize(MAX_SEGMENT_SIZE + 1)]) {
      expect(() => parseStreamHeader(bad)).toThrow(StreamDecryptionError);
    }
    expect(parseStreamHeader(withSize(MAX_SEGMENT_SIZE)).segmentSize).toBe(MAX_SEGMENT_SIZE);
  });
});
