/**
 * Draws what the signers filled in into the pages of the original PDF, so the values become part of the page
 * content rather than form fields a reader could still change: a signature or initials (typed in the bundled
 * handwriting face, or drawn and given as a PNG), the date signed, text, and a checked box as an "X".
 * Rectangles are in PDF user-space points with the origin at the page's bottom left, as pdf.js's
 * viewport.convertToPdfPoint gives them; pages count from 1. On a page shown rotated, values are drawn upright
 * as the reader sees the page (fieldFrame.ts).
 */
import { degrees, rgb, type PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import { pngHeader } from './drawnSignaturePng';
import { errors } from '../errors';
import { openBoundedPdf, type PdfLimits } from './boundedPdf';
import { fieldFrame, type FieldFrame } from './fieldFrame';
import { FontChain, type FontFace } from './fonts';
import { displayableText } from './safeText';

export type FieldKind = 'signature' | 'initials' | 'dateSigned' | 'text' | 'checkbox';

export interface PlacedField {
  id: string;
  kind: FieldKind;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
}

export type FieldValue =
  | { kind: 'signature' | 'initials'; typed: string }
  | { kind: 'signature' | 'initials'; drawnPng: Uint8Array }
  | { kind: 'dateSigned'; signedAt: Date }
  | { kind: 'text'; text: string }
  | { kind: 'checkbox'; checked: boolean };

/**
 * A drawn signature is a small picture; a bigger one is refused before it is decoded. A signature needs no more
 * than about 1200×400, and the pixel count bounds what decoding may cost (an 8-bit RGBA picture of 2 megapixels
 * inflates to 8 MB).
 */
export const drawnSignatureLimits = { maxBytes: 512 * 1024, maxSide: 4000, maxPixels: 2_000_000 };

/** Throws `invalid_signature_image` unless the PNG's own header says it is a small, ordinary picture. */
export function assertDrawnSignaturePng(png: Uint8Array): void {
  const { maxBytes, maxSide, maxPixels } = drawnSignatureLimits;
  const header = png.length <= maxBytes ? pngHeader(png) : null;
  const fits = header !== null && header.width > 0 && header.height > 0 && header.width <= maxSide && header.height <= maxSide &&
    header.width * header.height <= maxPixels && header.bitDepth <= 8;
  if (!fits) throw errors.invalidSignatureImage(Math.floor(maxBytes / 1024), maxSide);
}
const MAX_TYPED_CHARS = 80;
const MAX_TEXT_CHARS = 2000;
const INK = rgb(0.05, 0.1, 0.35);

/** One font chain per face and document; each embeds its fonts on first use. */
type Faces = (face: FontFace) => FontChain;

function facesOf(doc: PDFDocument): Faces {
  const chains = new Map<FontFace, FontChain>();
  return (face) => {
    let chain = chains.get(face);
    if (!chain) {
      chain = new FontChain(doc, face);
      chains.set(face, chain);
    }
    return chain;
  };
}

/** The original with every filled field drawn in; the bytes are what the certificate page calls the final content. */
export async function flattenFields(
  originalPdf: Uint8Array,
  fields: readonly PlacedField[],
  values: Readonly<Record<string, FieldValue>>,
  limits?: PdfLimits,
): Promise<Uint8Array> {
  const doc = await openBoundedPdf(originalPdf, limits);
  const pages = doc.getPages();
  const faces = facesOf(doc);
  for (const [i, field] of fields.entries()) {
    // Shaping text costs a few milliseconds a field: let other requests in now and then.
    if (i % 25 === 24) await new Promise<void>((resolve) => setImmediate(resolve));
    const page = pages[field.page - 1];
    if (!page || !insidePage(page, field)) throw errors.signatureFieldOffPage(field.id);
    const value = Object.hasOwn(values, field.id) ? values[field.id] : undefined;
    if (!value || value.kind !== field.kind) {
      if (field.required || value) throw errors.signatureFieldValueMissing(field.id);
      continue;
    }
    await drawValue(doc, page, field, value, faces);
  }
  // The original's own form fields keep their appearances: pdf-lib would redraw them in a WinAnsi-only font.
  return doc.save({ useObjectStreams: false, objectsPerTick: 200, updateFieldAppearances: false });
}

function insidePage(page: PDFPage, field: PlacedField): boolean {
  const box = page.getMediaBox();
  const numbers = [field.x, field.y, field.width, field.height];
  if (!numbers.every(Number.isFinite) || field.width <= 0 || field.height <= 0) return false;
  return field.x >= box.x && field.y >= box.y && field.x + field.width <= box.x + box.width && field.y + field.height <= box.y + box.height;
}

async function drawValue(doc: PDFDocument, page: PDFPage, field: PlacedField, value: FieldValue, faces: Faces): Promise<void> {
  const frame = fieldFrame(page, field);
  switch (value.kind) {
    case 'signature':
    case 'initials':
      if ('typed' in value) return await drawFitted(page, frame, faces('handwriting'), displayableText(value.typed, MAX_TYPED_CHARS), 0.8);
      return drawImage(page, frame, await embedDrawnSignature(doc, value.drawnPng));
    case 'dateSigned':
      if (Number.isNaN(value.signedAt.getTime())) throw errors.signatureFieldValueMissing(field.id);
      return await drawFitted(page, frame, faces('text'), value.signedAt.toISOString().slice(0, 10), 0.6);
    case 'text':
      return await drawWrapped(page, frame, faces('text'), displayableText(value.text, MAX_TEXT_CHARS));
    case 'checkbox':
      if (value.checked) await drawFitted(page, frame, faces('bold'), 'X', 0.9);
      return;
  }
}

/** One line, as large as fits both the height (by `share`) and the width, centred. */
async function drawFitted(page: PDFPage, frame: FieldFrame, chain: FontChain, text: string, share: number): Promise<void> {
  if (!text) return;
  const widthAtOne = chain.widthOf(text, 1);
  const size = Math.max(1, Math.min(frame.height * share, widthAtOne > 0 ? (frame.width * 0.95) / widthAtOne : Infinity));
  const start = frame.at((frame.width - widthAtOne * size) / 2, (frame.height - size * 0.7) / 2);
  await chain.drawLine(page, text, { ...start, size, color: INK, angle: frame.angle });
}

/** Text broken into lines; the size shrinks to 6 pt to fit, and lines that still do not fit are left out. */
async function drawWrapped(page: PDFPage, frame: FieldFrame, chain: FontChain, text: string): Promise<void> {
  if (!text) return;
  let size = Math.min(11, frame.height * 0.8);
  let lines = chain.wrap(text, size, frame.width);
  while (lines.length * size * 1.2 > frame.height && size > 6) {
    size = Math.max(6, size - 1);
    lines = chain.wrap(text, size, frame.width);
  }
  const fitting = Math.max(1, Math.floor(frame.height / (size * 1.2)));
  for (const [i, line] of lines.slice(0, fitting).entries()) {
    const start = frame.at(0, frame.height - size * (i + 1) * 1.1);
    await chain.drawLine(page, line, { ...start, size, color: INK, angle: frame.angle });
  }
}

async function embedDrawnSignature(doc: PDFDocument, png: Uint8Array): Promise<PDFImage> {
  assertDrawnSignaturePng(png);
  try {
    return await doc.embedPng(png);
  } catch {
    throw errors.invalidSignatureImage(Math.floor(drawnSignatureLimits.maxBytes / 1024), drawnSignatureLimits.maxSide);
  }
}

function drawImage(page: PDFPage, frame: FieldFrame, image: PDFImage): void {
  const scale = Math.min(frame.width / image.width, frame.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  const corner = frame.at((frame.width - width) / 2, (frame.height - height) / 2);
  page.drawImage(image, { ...corner, width, height, rotate: degrees(frame.angle) });
}
