/**
 * Which icon images the manifest promises at which pixel size, and a PNG header reader to hold the
 * files in assets/ to that promise (Outlook scales a wrong-sized icon and it turns blurry).
 */
import { childElements, elements, type XmlDocument } from './manifestDom';
import { resolveUrl } from './resources';

export interface IconUse {
  url: string;
  size: number;
}

/** IconUrl is 64 px and HighResolutionIconUrl 128 px for Outlook; command icons carry their own size. */
const SETTING_SIZES: Record<string, number> = { IconUrl: 64, HighResolutionIconUrl: 128 };

export function manifestIcons(doc: XmlDocument): IconUse[] {
  const uses = new Map<string, IconUse>();
  const add = (url: string | undefined | null, size: number) => {
    if (url) uses.set(`${url}@${size}`, { url, size });
  };
  for (const [name, size] of Object.entries(SETTING_SIZES)) {
    for (const el of elements(doc, name)) add(el.getAttribute('DefaultValue'), size);
  }
  for (const icon of elements(doc, 'Icon')) {
    for (const image of childElements(icon, 'Image')) add(resolveUrl(image, 'Images'), Number(image.getAttribute('size')));
  }
  return [...uses.values()];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, which the format requires to come first. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } {
  const isPng = PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (!isPng || chunkType !== 'IHDR' || bytes.length < 24) throw new Error('not a PNG file (no IHDR header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
