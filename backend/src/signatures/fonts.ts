/**
 * The fonts bundled with the app for signed documents, and a font chain that draws a line of text with them.
 * PDF standard fonts only encode WinAnsi, so every character goes through embedded fonts instead: Noto Sans in its
 * Latin, Latin Extended, Greek and Cyrillic subsets for printed text, Dancing Script (a handwriting face) for typed
 * signatures. All are SIL Open Font License 1.1, shipped as WOFF in @fontsource packages and read from node_modules
 * at run time; pdf-lib embeds only the glyphs used (subsetting also turns WOFF into the TrueType a PDF needs).
 * A character none of the chain's fonts can draw is printed as "?", so the page never holds an invisible glyph.
 */
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

const NOTO = ['latin', 'latin-ext', 'greek', 'cyrillic'].map((subset) => `@fontsource/noto-sans/files/noto-sans-${subset}-400-normal.woff`);
const NOTO_BOLD = ['latin', 'latin-ext', 'greek', 'cyrillic'].map((subset) => `@fontsource/noto-sans/files/noto-sans-${subset}-700-normal.woff`);
const HANDWRITING = ['latin', 'latin-ext'].map((subset) => `@fontsource/dancing-script/files/dancing-script-${subset}-400-normal.woff`);

export type FontFace = 'text' | 'bold' | 'handwriting';

const FILES: Record<FontFace, string[]> = {
  text: NOTO,
  bold: NOTO_BOLD,
  // Names in scripts the handwriting face lacks still come out, in print.
  handwriting: [...HANDWRITING, ...NOTO],
};

const bytesCache = new Map<string, Uint8Array>();

function fontBytes(moduleFile: string): Uint8Array {
  let bytes = bytesCache.get(moduleFile);
  if (!bytes) {
    bytes = fs.readFileSync(require.resolve(moduleFile));
    bytesCache.set(moduleFile, bytes);
  }
  return bytes;
}

/** Bytes of the font files a face is made of, for the figures in the README. */
export function bundledFontBytes(face: FontFace): number {
  return FILES[face].reduce((sum, file) => sum + fontBytes(file).length, 0);
}

interface ChainFont {
  font: PDFFont;
  codePoints: Set<number>;
  /** Advance width of each character at size 1: laying text out through fontkit for every measure is slow. */
  widths: Map<string, number>;
}

/** Fonts tried in order for each character; the first that has a glyph draws it. */
export class FontChain {
  private constructor(private readonly fonts: ChainFont[]) {}

  static async embed(doc: PDFDocument, face: FontFace): Promise<FontChain> {
    doc.registerFontkit(fontkit);
    const fonts: ChainFont[] = [];
    for (const file of FILES[face]) {
      const font = await doc.embedFont(fontBytes(file), { subset: true });
      fonts.push({ font, codePoints: new Set(font.getCharacterSet()), widths: new Map() });
    }
    return new FontChain(fonts);
  }

  /** The text cut into runs of one font each, with undrawable characters turned into "?". */
  runs(text: string): { font: ChainFont; text: string }[] {
    const out: { font: ChainFont; text: string }[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      const owner = this.fonts.find((f) => f.codePoints.has(codePoint));
      const font = owner ?? this.fonts[0]!;
      const drawn = owner ? char : '?';
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += drawn;
      else out.push({ font, text: drawn });
    }
    return out;
  }

  /** The width of the text, from per-character advances (kerning left out: it moves a line by a point or two). */
  widthOf(text: string, size: number): number {
    let width = 0;
    for (const run of this.runs(text)) {
      for (const char of run.text) {
        let advance = run.font.widths.get(char);
        if (advance === undefined) {
          advance = run.font.font.widthOfTextAtSize(char, 1);
          run.font.widths.set(char, advance);
        }
        width += advance;
      }
    }
    return width * size;
  }

  /** Draws one line with its baseline at y; returns the width drawn. */
  drawLine(page: PDFPage, text: string, at: { x: number; y: number; size: number; color?: RGB }): number {
    let x = at.x;
    for (const run of this.runs(text)) {
      page.drawText(run.text, { x, y: at.y, size: at.size, font: run.font.font, color: at.color ?? rgb(0, 0, 0) });
      x += run.font.font.widthOfTextAtSize(run.text, at.size);
    }
    return x - at.x;
  }

  /** Lines of at most maxWidth, broken at spaces, or inside a word too long for one line. */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.widthOf(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const char of word) {
        if (line && this.widthOf(line + char, size) > maxWidth) {
          lines.push(line);
          line = '';
        }
        line += char;
      }
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }
}
