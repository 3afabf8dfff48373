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
import { degrees, rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { Font } from 'pdf-lib/cjs/types/fontkit';

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

/** A bundled font file parsed once per process: what it can draw and how wide each character is. */
interface BundledFont {
  bytes: Uint8Array;
  codePoints: Set<number>;
  /** Advance width of each code point at size 1, read from the font once. */
  advances: Map<number, number>;
  metrics: Font;
}

const bundled = new Map<string, BundledFont>();

function bundledFont(moduleFile: string): BundledFont {
  let font = bundled.get(moduleFile);
  if (!font) {
    const bytes = fs.readFileSync(require.resolve(moduleFile));
    const metrics = fontkit.create(bytes);
    font = { bytes, codePoints: new Set(metrics.characterSet), advances: new Map(), metrics };
    bundled.set(moduleFile, font);
  }
  return font;
}

function advanceOf(font: BundledFont, codePoint: number): number {
  let advance = font.advances.get(codePoint);
  if (advance === undefined) {
    advance = font.metrics.glyphForCodePoint(codePoint).advanceWidth / font.metrics.unitsPerEm;
    font.advances.set(codePoint, advance);
  }
  return advance;
}

/** The npm packages the bundled fonts come from, for the licence check in the tests. */
export function bundledFontPackages(): string[] {
  return [...new Set(Object.values(FILES).flat().map((file) => file.split('/').slice(0, 2).join('/')))];
}

/**
 * Fonts tried in order for each character; the first that has a glyph draws it. A font is embedded into the
 * document only when a character needs it, so a Latin-only certificate carries one subset, not eight.
 */
export class FontChain {
  private readonly embedded = new Map<BundledFont, Promise<PDFFont>>();
  private readonly fonts: BundledFont[];

  constructor(
    private readonly doc: PDFDocument,
    face: FontFace,
  ) {
    doc.registerFontkit(fontkit);
    this.fonts = FILES[face].map(bundledFont);
  }

  private pdfFont(font: BundledFont): Promise<PDFFont> {
    let embedded = this.embedded.get(font);
    if (!embedded) {
      embedded = this.doc.embedFont(font.bytes, { subset: true });
      this.embedded.set(font, embedded);
    }
    return embedded;
  }

  /** The text cut into runs of one font each, with undrawable characters turned into "?". */
  private runs(text: string): { font: BundledFont; text: string }[] {
    const out: { font: BundledFont; text: string }[] = [];
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
      for (const char of run.text) width += advanceOf(run.font, char.codePointAt(0)!);
    }
    return width * size;
  }

  /** Draws one line starting at (x, y) on its baseline, turned `angle` degrees counter-clockwise (0 unless the page is rotated). */
  async drawLine(page: PDFPage, text: string, at: { x: number; y: number; size: number; color?: RGB; angle?: number }): Promise<void> {
    const turn = ((at.angle ?? 0) * Math.PI) / 180;
    let { x, y } = at;
    for (const run of this.runs(text)) {
      page.drawText(run.text, { x, y, size: at.size, font: await this.pdfFont(run.font), color: at.color ?? rgb(0, 0, 0), rotate: degrees(at.angle ?? 0) });
      const advance = this.widthOf(run.text, at.size);
      x += advance * Math.cos(turn);
      y += advance * Math.sin(turn);
    }
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
