/**
 * The shape of a drawn signature's PNG, read from its chunks before anything decodes it: the picture the decoder
 * would build is known from the header alone, so a small file that would inflate into a huge one is refused here.
 * PNG decoders take the size from the last IHDR they meet, so the first chunk must be IHDR and the only one; and
 * pdf-lib's decoder builds every animation frame (acTL/fcTL/fdAT) at the size each frame names before refusing
 * animations, so only the chunks of a still picture are allowed. Linear in the file's length and bounded by it.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A still picture's chunks (RFC 2083 and the PNG spec's ancillary ones); anything else, animation included, is refused. */
const STILL_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'tIME', 'tEXt', 'zTXt', 'iTXt']);

/** The bit depths each colour type allows (greyscale, RGB, palette, grey+alpha, RGBA). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
}

/** The header of a well-formed PNG (one IHDR, first; chunks within the file; IEND last), or null. */
export function pngHeader(png: Uint8Array): PngHeader | null {
  if (png.length < 8 + 25 || !SIGNATURE.every((b, i) => png[i] === b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let header: PngHeader | null = null;
  let at = 8;
  while (at + 12 <= png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    if (length > png.length - at - 12 || !STILL_CHUNKS.has(type)) return null;
    if (type === 'IHDR') {
      if (header || at !== 8 || length !== 13) return null;
      const [bitDepth, colourType, compression, filter, interlace] = [16, 17, 18, 19, 20].map((i) => png[at + i]!);
      if (!DEPTHS[colourType!]?.includes(bitDepth!) || compression !== 0 || filter !== 0 || interlace! > 1) return null;
      header = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), bitDepth: bitDepth! };
    } else if (!header) {
      return null;
    }
    if (type === 'IEND') return at + 12 + length === png.length ? header : null;
    at += 12 + length;
  }
  return null;
}
