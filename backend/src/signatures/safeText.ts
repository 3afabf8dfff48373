/**
 * Text that came from people (names, emails, user agents, field values) made safe to print on a PDF page:
 * bounded before any other work, broken UTF-16 repaired, control and format characters (NUL, newlines, bidi
 * overrides and isolates, zero-width joiners, BOMs) taken out so nothing can reorder or hide what the page shows,
 * whitespace collapsed, and the result cut to a number of characters with an ellipsis. Which characters a font can
 * then draw is the font chain's business (see fonts.ts); this only decides what is allowed to reach it.
 */

const ELLIPSIS = '\u2026';

/** Lone surrogate halves, which no font can draw and which break UTF-8 encoders. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Controls (C0, C1, NUL, newlines, tabs) and line/paragraph separators read as a space. */
const SPACE_LIKE = /[\p{Cc}\p{Zl}\p{Zp}\p{Zs}]/gu;
/** Format characters (bidi embeddings, overrides and isolates, LRM/RLM, ZWJ, BOM, soft hyphen), private-use and unassigned code points go. */
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}]/gu;

/**
 * At most `maxChars` characters (code points) of `input`, safe to draw. The input is cut to a few times the bound
 * first, so a megabyte string costs no more than a short one.
 */
export function displayableText(input: string, maxChars: number): string {
  const head = input.length > maxChars * 4 + 8 ? input.slice(0, maxChars * 4 + 8) : input;
  const cleaned = head
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, '')
    .replace(SPACE_LIKE, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = Array.from(cleaned);
  const cut = chars.length > maxChars || head.length < input.length;
  if (!cut) return cleaned;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('').trimEnd()}${ELLIPSIS}`;
}
