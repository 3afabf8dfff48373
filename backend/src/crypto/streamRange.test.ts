import { randomBytes } from 'node:crypto';
import { DecryptionError } from './envelope';
import { HEADER_SIZE, StreamDecryptionError, createDecryptSegmentsStream, encryptedSize, segmentRangeFor } from './stream';
import { encryptAll, flipBit, newKey, runStream } from './testing/streamHarness';

const S = 16;
const SEALED = S + 16;
const aad = 'org:o1|file:f1';

describe('segmentRangeFor', () => {
  test('when a range sits inside one segment, then only that segment is read', () => {
    expect(segmentRangeFor(0, 0, S)).toEqual({
      firstSegment: 0,
      lastSegment: 0,
      cipherStart: HEADER_SIZE,
      cipherEnd: HEADER_SIZE + SEALED - 1,
      skip: 0,
      length: 1,
    });
  });

  test('when a range crosses a segment boundary, then both segments are read and the skip is the offset', () => {
    expect(segmentRangeFor(15, 16, S)).toEqual({
      firstSegment: 0,
      lastSegment: 1,
      cipherStart: HEADER_SIZE,
      cipherEnd: HEADER_SIZE + 2 * SEALED - 1,
      skip: 15,
      length: 2,
    });
  });

  test('when the file size is given, then the range is clamped and the last byte is the end of the file', () => {
    const range = segmentRangeFor(20, 1000, S, 45);
    expect(range).toMatchObject({ firstSegment: 1, lastSegment: 2, cipherStart: HEADER_SIZE + SEALED, cipherEnd: 140 });
    expect(range).toMatchObject({ skip: 4, length: 25 });
    expect(range.cipherEnd).toBe(encryptedSize(45, S) - 1);
  });

  test('when a range is empty, inverted, negative or past the end, then it is refused', () => {
    expect(() => segmentRangeFor(5, 4, S)).toThrow(RangeError);
    expect(() => segmentRangeFor(-1, 4, S)).toThrow(RangeError);
    expect(() => segmentRangeFor(45, 50, S, 45)).toThrow(RangeError);
    expect(() => segmentRangeFor(0, 0, S, 0)).toThrow(RangeError);
    expect(() => segmentRangeFor(0, 1, 0)).toThrow(RangeError);
  });
});

describe('createDecryptSegmentsStream', () => {
  const dataKey = newKey();
  const plain = randomBytes(5 * S + 5);
  let sealed: Buffer;
  let header: Buffer;
  beforeAll(async () => {
    sealed = await encryptAll(plain, { dataKey, aad, testing: { segmentSize: S } });
    header = sealed.subarray(0, HEADER_SIZE);
  });

  const rangeRun = (start: number, end: number, bytes = sealed, keys = { dataKey, aad }) => {
    const range = segmentRangeFor(start, end, S, plain.length);
    const input = bytes.subarray(range.cipherStart, range.cipherEnd + 1);
    const stream = createDecryptSegmentsStream({ ...keys, ...range, header, plainSize: plain.length });
    return runStream(stream, input);
  };

  test('when any byte range is asked for, then exactly those plaintext bytes come out', async () => {
    const points = [0, 1, S - 1, S, S + 1, 2 * S + 7, 4 * S, 5 * S - 1, 5 * S, plain.length - 1];
    for (const start of points) {
      for (const end of points.filter((point) => point >= start)) {
        const { output, error } = await rangeRun(start, end);
        expect(error).toBeUndefined();
        expect(output.equals(plain.subarray(start, end + 1))).toBe(true);
      }
    }
  });

  test('when segments outside the range are damaged, then the range still decrypts (they are not read)', async () => {
    const damaged = flipBit(flipBit(sealed, HEADER_SIZE + 3), HEADER_SIZE + 4 * SEALED + 3);
    const { output, error } = await rangeRun(S + 2, 3 * S + 1, damaged);
    expect(error).toBeUndefined();
    expect(output.equals(plain.subarray(S + 2, 3 * S + 2))).toBe(true);
  });

  test('when no range is given, then the whole file decrypts from segment 0', async () => {
    const stream = createDecryptSegmentsStream({ dataKey, aad, header, plainSize: plain.length, firstSegment: 0 });
    const { output, error } = await runStream(stream, sealed.subarray(HEADER_SIZE));
    expect(error).toBeUndefined();
    expect(output.equals(plain)).toBe(true);
  });

  test('when the file is empty, then its single empty segment decrypts to nothing', async () => {
    const empty = await encryptAll(Buffer.alloc(0), { dataKey, aad, testing: { segmentSize: S } });
    const stream = createDecryptSegmentsStream({
      dataKey, aad, header: empty.subarray(0, HEADER_SIZE), plainSize: 0, firstSegment: 0,
    });
    const { output, error } = await runStream(stream, empty.subarray(HEADER_SIZE));
    expect(error).toBeUndefined();
    expect(output.length).toBe(0);
  });

  test('when a segment in the range is tampered, then only earlier segments are released', async () => {
    const { released, error } = await rangeRun(S, 4 * S - 1, flipBit(sealed, HEADER_SIZE + 2 * SEALED + 5));
    expect((error as StreamDecryptionError).reason).toBe('segment');
    expect(released.equals(plain.subarray(S, 2 * S))).toBe(true);
  });

  test('when the input ends before the range does, then the stream errors as truncated', async () => {
    const range = segmentRangeFor(S, 4 * S - 1, S, plain.length);
    const stream = createDecryptSegmentsStream({ dataKey, aad, ...range, header, plainSize: plain.length });
    const { released, error } = await runStream(stream, sealed.subarray(range.cipherStart, range.cipherEnd + 1 - SEALED));
    expect((error as StreamDecryptionError).reason).toBe('truncated');
    expect(released.equals(plain.subarray(S, 3 * S))).toBe(true);
  });

  test('when the input goes on past the range, then the stream errors as trailing', async () => {
    const range = segmentRangeFor(0, S - 1, S, plain.length);
    const stream = createDecryptSegmentsStream({ dataKey, aad, ...range, header, plainSize: plain.length });
    const { error } = await runStream(stream, sealed.subarray(range.cipherStart, range.cipherEnd + 2));
    expect((error as StreamDecryptionError).reason).toBe('trailing');
  });

  test('when the stored plaintext size is wrong, then the last segment does not open', async () => {
    const stream = createDecryptSegmentsStream({ dataKey, aad, header, plainSize: plain.length - 1, firstSegment: 5 });
    const { released, error } = await runStream(stream, sealed.subarray(HEADER_SIZE + 5 * SEALED, -1));
    expect(error).toBeInstanceOf(DecryptionError);
    expect(released.length).toBe(0);
  });

  test('when the key or associated data is wrong, then nothing is released', async () => {
    for (const keys of [{ dataKey: newKey(), aad }, { dataKey, aad: 'org:o2|file:f1' }]) {
      const { released, error } = await rangeRun(S, 2 * S, sealed, keys);
      expect(error).toBeInstanceOf(DecryptionError);
      expect(released.length).toBe(0);
    }
  });

  test('when the header or segment indexes are invalid, then creating the stream throws', () => {
    const base = { dataKey, aad, header, plainSize: plain.length };
    expect(() => createDecryptSegmentsStream({ ...base, header: flipBit(header, 0), firstSegment: 0 })).toThrow(
      StreamDecryptionError,
    );
    expect(() => createDecryptSegmentsStream({ ...base, firstSegment: 6 })).toThrow(RangeError);
    expect(() => createDecryptSegmentsStream({ ...base, firstSegment: 3, lastSegment: 2 })).toThrow(RangeError);
    expect(() => createDecryptSegmentsStream({ ...base, firstSegment: 0, lastSegment: 6 })).toThrow(RangeError);
  });
});
