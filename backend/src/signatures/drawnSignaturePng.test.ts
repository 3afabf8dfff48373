/**
 * A drawn signature's PNG is judged by its own chunks before any decoder sees it: a small file whose second IHDR
 * would make the decoder build an 11000×11000 picture is refused, as are big, deep, truncated or out-of-order ones.
 */
import { deflateSync } from 'node:zlib';
import { pngImage } from '../testing/images';
import { pngHeader } from './drawnSignaturePng';
import { assertDrawnSignaturePng } from './flattenFields';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
};
const ihdr = (width: number, height: number, bitDepth = 8) => {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = 6;
  return chunk('IHDR', data);
};
const png = (...chunks: Buffer[]) => Buffer.concat([SIGNATURE, ...chunks]);
const IEND = chunk('IEND', Buffer.alloc(0));

test('when the PNG is an ordinary small picture, then its header is read and it is accepted', () => {
  const drawn = pngImage(600, 200);
  expect(pngHeader(drawn)).toEqual({ width: 600, height: 200, bitDepth: 8 });
  expect(() => assertDrawnSignaturePng(drawn)).not.toThrow();
});

test('when a second IHDR hides a huge picture behind a 1×1 one, then it is refused before anything decodes it', () => {
  const zeros = deflateSync(Buffer.alloc(2_000_000), { level: 9 });
  const bomb = png(ihdr(1, 1), ihdr(11_000, 11_000), chunk('IDAT', zeros), IEND);
  expect(bomb.length).toBeLessThan(512 * 1024);
  expect(pngHeader(bomb)).toBeNull();
  expect(() => assertDrawnSignaturePng(bomb)).toThrow(expect.objectContaining({ code: 'invalid_signature_image' }));
});

test.each([
  ['more pixels than a signature needs', png(ihdr(4000, 4000), IEND)],
  ['16 bits a channel', png(ihdr(600, 200, 16), IEND)],
  ['no IHDR first', png(chunk('tEXt', Buffer.from('x')), ihdr(10, 10), IEND)],
  ['a chunk longer than the file', png(ihdr(10, 10), Buffer.from([0x7f, 0xff, 0xff, 0xff, 0x49, 0x44, 0x41, 0x54]))],
  ['no IEND', png(ihdr(10, 10), chunk('IDAT', Buffer.alloc(10)))],
  ['bytes after IEND', Buffer.concat([png(ihdr(10, 10), IEND), Buffer.from('trailing')])],
  ['zero width', png(ihdr(0, 10), IEND)],
  // pdf-lib's decoder builds each frame at the size its fcTL names before it refuses animations
  ['an animation frame far bigger than the picture', png(ihdr(100, 100), chunk('acTL', Buffer.alloc(8)), chunk('fcTL', Buffer.alloc(26, 0x7f)), IEND)],
  ['a chunk no still picture has', png(ihdr(10, 10), chunk('zzZZ', Buffer.alloc(4)), IEND)],
  ['a colour type that does not exist', (() => { const bad = png(ihdr(10, 10), IEND); bad[8 + 8 + 9] = 5; return bad; })()],
  ['an interlace method that does not exist', (() => { const bad = png(ihdr(10, 10), IEND); bad[8 + 8 + 12] = 2; return bad; })()],
  ['not a PNG', Buffer.from('GIF89a'.padEnd(64, '\0'))],
])('when the PNG has %s, then it is refused', (_case, bytes) => {
  expect(() => assertDrawnSignaturePng(bytes)).toThrow(expect.objectContaining({ code: 'invalid_signature_image' }));
});
