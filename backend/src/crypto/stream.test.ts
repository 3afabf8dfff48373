import { randomBytes } from 'node:crypto';
import { DecryptionError } from './envelope';
import {
  DEFAULT_SEGMENT_SIZE,
  HEADER_SIZE,
  StreamDecryptionError,
  createDecryptStream,
  createEncryptStream,
  encryptedSize,
  type StreamFailure,
} from './stream';
import { encryptAll, flipBit, newKey, runStream } from './testing/streamHarness';

const S = 16; // small segments so every boundary is cheap to reach
const SEALED = S + 16;
const aad = 'org:o1|file:f1';

function segmentAt(index: number): number {
  return HEADER_SIZE + index * SEALED;
}

describe('file stream round trip', () => {
  const dataKey = newKey();

  test.each([0, 1, S - 1, S, S + 1, 3 * S, 5 * S + 5, 1000])(
    'when a %d-byte file is encrypted and decrypted, then the same bytes come back',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await encryptAll(plain, { dataKey, aad, testing: { segmentSize: S } });
      expect(sealed.length).toBe(encryptedSize(size, S));
      for (const chunkSize of [1, 7, SEALED, sealed.length + 1]) {
        const { output, error } = await runStream(createDecryptStream({ dataKey, aad }), sealed, chunkSize);
        expect(error).toBeUndefined();
        expect(output.equals(plain)).toBe(true);
      }
    },
  );

  test('when the default segment size is used, then a file of several segments round-trips', async () => {
    const plain = randomBytes(3 * DEFAULT_SEGMENT_SIZE + 123);
    const sealed = await encryptAll(plain, { dataKey, aad });
    expect(sealed.readUInt32BE(5)).toBe(DEFAULT_SEGMENT_SIZE);
    expect(sealed.length).toBe(encryptedSize(plain.length, DEFAULT_SEGMENT_SIZE));
    const { output, error } = await runStream(createDecryptStream({ dataKey, aad }), sealed, 10_000);
    expect(error).toBeUndefined();
    expect(output.equals(plain)).toBe(true);
  });

  test('when the same file is encrypted twice, then the ciphertexts differ', async () => {
    const plain = Buffer.from('same bytes');
    const a = await encryptAll(plain, { dataKey, aad, testing: { segmentSize: S } });
    const b = await encryptAll(plain, { dataKey, aad, testing: { segmentSize: S } });
    expect(a.equals(b)).toBe(false);
  });

  test('when a segment size outside 64 KiB–1 MiB is asked for, then encryption refuses', () => {
    expect(() => createEncryptStream({ dataKey, aad, segmentSize: 1024 })).toThrow(RangeError);
    expect(() => createEncryptStream({ dataKey, aad, segmentSize: 2 * 1024 * 1024 })).toThrow(RangeError);
    expect(() => createEncryptStream({ dataKey, aad, segmentSize: 1024 * 1024 })).not.toThrow();
  });

  test('when the data key is not 32 bytes, then encryption refuses', () => {
    expect(() => createEncryptStream({ dataKey: randomBytes(16), aad })).toThrow(RangeError);
  });

  test('when segments are written one by one, then plaintext comes out before the input ends', async () => {
    const plain = randomBytes(10 * S);
    const sealed = await encryptAll(plain, { dataKey, aad, testing: { segmentSize: S } });
    const decrypt = createDecryptStream({ dataKey, aad });
    const seen: Buffer[] = [];
    decrypt.on('data', (part: Buffer) => seen.push(part));
    decrypt.write(sealed.subarray(0, segmentAt(6)));
    await new Promise((resolve) => setImmediate(resolve));
    // one segment is held back until more input shows it is not the last
    expect(Buffer.concat(seen).equals(plain.subarray(0, 5 * S))).toBe(true);
    decrypt.end(sealed.subarray(segmentAt(6)));
    await new Promise((resolve) => decrypt.on('end', resolve));
    expect(Buffer.concat(seen).equals(plain)).toBe(true);
  });
});

describe('file stream tampering', () => {
  const dataKey = newKey();
  const plain = randomBytes(5 * S + 5); // segments 0–4 full, segment 5 (last) holds 5 bytes
  let sealed: Buffer;
  beforeAll(async () => {
    sealed = await encryptAll(plain, { dataKey, aad, testing: { segmentSize: S } });
  });

  const swap = (bytes: Buffer, i: number, j: number) => {
    const copy = Buffer.from(bytes);
    bytes.copy(copy, segmentAt(i), segmentAt(j), segmentAt(j) + SEALED);
    bytes.copy(copy, segmentAt(j), segmentAt(i), segmentAt(i) + SEALED);
    return copy;
  };
  const cases: Array<[string, (bytes: Buffer) => Buffer, number, StreamFailure]> = [
    ['the input is empty', () => Buffer.alloc(0), 0, 'truncated'],
    ['the input stops inside the header', (b) => b.subarray(0, HEADER_SIZE - 1), 0, 'truncated'],
    ['the input holds only the header', (b) => b.subarray(0, HEADER_SIZE), 0, 'truncated'],
    ['the last segment is cut short', (b) => b.subarray(0, b.length - 3), 5, 'segment'],
    ['the last segment is dropped', (b) => b.subarray(0, segmentAt(5)), 4, 'truncated'],
    ['the last two segments are dropped', (b) => b.subarray(0, segmentAt(4)), 3, 'truncated'],
    ['the input stops inside a middle segment', (b) => b.subarray(0, segmentAt(3) + 20), 3, 'segment'],
    ['the input stops shorter than a tag', (b) => b.subarray(0, segmentAt(3) + 9), 3, 'truncated'],
    ['segments 1 and 2 are swapped', (b) => swap(b, 1, 2), 1, 'segment'],
    ['segment 1 is repeated', (b) => Buffer.concat([b.subarray(0, segmentAt(2)), b.subarray(segmentAt(1))]), 2, 'segment'],
    ['a byte is appended', (b) => Buffer.concat([b, Buffer.from([0])]), 5, 'segment'],
    ['a bit of segment 2 is flipped', (b) => flipBit(b, segmentAt(2) + 3), 2, 'segment'],
    ['a bit of the tag of segment 3 is flipped', (b) => flipBit(b, segmentAt(3) + S + 15, 7), 3, 'segment'],
    ['a bit of the last segment is flipped', (b) => flipBit(b, b.length - 20), 5, 'segment'],
    ['a bit of the magic is flipped', (b) => flipBit(b, 0), 0, 'header'],
    ['the version is changed', (b) => flipBit(b, 4, 1), 0, 'header'],
    ['the segment size is changed', (b) => flipBit(b, 8, 0), 0, 'segment'],
    ['a bit of the salt is flipped', (b) => flipBit(b, 20), 0, 'segment'],
    ['a bit of the nonce prefix is flipped', (b) => flipBit(b, HEADER_SIZE - 1, 3), 0, 'segment'],
  ];

  test.each(cases)('when %s, then decryption errors after releasing only earlier segments', async (_, tamper, good, reason) => {
    await expectRejected(tamper(sealed), { dataKey, aad }, good, reason);
  });

  test('when the wrong data key is used, then decryption errors and releases nothing', async () => {
    await expectRejected(sealed, { dataKey: newKey(), aad }, 0, 'segment');
  });

  test('when the associated data names another record, then decryption errors and releases nothing', async () => {
    await expectRejected(sealed, { dataKey, aad: 'org:o1|file:f2' }, 0, 'segment');
  });

  test('when an empty file has its tag flipped, then decryption errors', async () => {
    const empty = await encryptAll(Buffer.alloc(0), { dataKey, aad, testing: { segmentSize: S } });
    await expectRejected(flipBit(empty, empty.length - 1), { dataKey, aad }, 0, 'segment');
  });

  async function expectRejected(
    bytes: Buffer,
    keys: { dataKey: Buffer; aad: string },
    goodSegments: number,
    reason: StreamFailure,
  ): Promise<void> {
    for (const chunkSize of [1, 7, bytes.length + 1]) {
      const { output, released, error } = await runStream(createDecryptStream(keys), bytes, chunkSize);
      expect(error).toBeInstanceOf(DecryptionError);
      expect((error as StreamDecryptionError).reason).toBe(reason);
      // exactly the authentic segments before the bad one were released, and the consumer saw no more
      expect(released.equals(plain.subarray(0, goodSegments * S))).toBe(true);
      expect(output.equals(plain.subarray(0, output.length)) && output.length <= released.length).toBe(true);
    }
  }
});
