/**
 * The shape of a drawn signature's PNG, read from its chunks before anything decodes it: the picture the decoder
 * would build is known from the header alone, so a small file that would inflate into a huge one is refused here.
 * PNG decoders take the size from the last IHDR they meet, so the first chunk must be IHDR and the only one.
 * Linear in the file's length and bounded by it (at most 512 KB).
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

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
    if (length > png.length - at - 12) return null;
    if (type === 'IHDR') {
      if (header || at !== 8 || length !== 13) return null;
      header = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), bitDepth: png[at + 16]! };
    } else if (!header) {
      return null;
    }
    if (type === 'IEND') return at + 12 + length === png.length ? header : null;
    at += 12 + length;
  }
  return null;
}
