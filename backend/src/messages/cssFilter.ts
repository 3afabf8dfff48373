/**
 * The style attributes a message body may keep. CSS has many ways to make a browser fetch something (url(),
 * image-set(), escapes that spell either, @import, var() fed from elsewhere), so rather than look for them this keeps
 * only declarations it fully understands: a known property, and a value made of words, numbers, colours, quoted font
 * names and the colour functions. Anything else (an escape, a comment inside a value, any other function) drops
 * that declaration. One pass over the text, bounded by its length.
 */

const MAX_STYLE_LENGTH = 8 * 1024;
const MAX_VALUE_LENGTH = 512;

const SIDES = ['', '-top', '-right', '-bottom', '-left'];
const ALLOWED_PROPERTIES = new Set([
  'color', 'background-color', 'background', 'opacity',
  'font', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant',
  'text-align', 'text-decoration', 'text-indent', 'text-transform', 'line-height', 'letter-spacing', 'word-spacing',
  'white-space', 'word-break', 'word-wrap', 'overflow-wrap', 'vertical-align', 'direction',
  'width', 'height', 'min-width', 'max-width', 'min-height', 'max-height', 'display', 'float', 'clear',
  'list-style-type', 'list-style-position', 'table-layout', 'border-collapse', 'border-spacing', 'caption-side', 'empty-cells',
  'border-radius',
  ...SIDES.flatMap((side) => [`margin${side}`, `padding${side}`, `border${side}`, `border${side}-color`, `border${side}-style`, `border${side}-width`]),
]);
// Functions that compute a colour from numbers: nothing in them can name a resource.
const ALLOWED_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla']);

// A value is a run of these tokens. Strings and identifiers never contain a backslash or a parenthesis here.
const TOKEN = new RegExp(
  [
    /(?<space>\s+)/.source,
    /(?<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:%|[a-z]{1,4})?)/.source,
    /(?<hash>#[0-9a-f]{3,8}\b)/.source,
    /(?<function>[a-z][a-z-]*)\(/.source,
    /(?<ident>-?[\p{L}_][\p{L}\p{N}_-]*)/u.source,
    /(?<string>"[^"\\\n]*"|'[^'\\\n]*')/.source,
    /(?<punct>[,/)])/.source,
  ].join('|'),
  'iuy',
);

/** Quoted text belongs in font names only; elsewhere it can only be a URL in disguise or a mistake. */
const TAKES_STRINGS = new Set(['font', 'font-family']);

/** Whether a declaration's value is made only of tokens that cannot load anything. */
function isSafeValue(property: string, value: string): boolean {
  if (value.length === 0 || value.length > MAX_VALUE_LENGTH) return false;
  TOKEN.lastIndex = 0;
  let depth = 0;
  while (TOKEN.lastIndex < value.length) {
    const match = TOKEN.exec(value);
    if (!match?.groups) return false;
    const { function: fn, punct } = match.groups;
    if (match.groups.string !== undefined && !TAKES_STRINGS.has(property)) return false;
    if (fn !== undefined) {
      // colour functions hold numbers only: no nesting, no strings, no words
      if (depth > 0 || !ALLOWED_FUNCTIONS.has(fn.toLowerCase())) return false;
      depth = 1;
    } else if (punct === ')') {
      if (depth === 0) return false;
      depth = 0;
    } else if (depth > 0 && (match.groups.ident !== undefined || match.groups.string !== undefined || match.groups.hash !== undefined)) {
      if (match.groups.ident?.toLowerCase() !== 'none') return false;
    }
  }
  return depth === 0;
}

/**
 * Splits a style attribute into declarations at the semicolons outside quotes. Null if the text holds what a
 * declaration list never needs and an attack does: escapes, comments, braces, at-rules, control characters.
 */
function declarationsOf(style: string): string[] | null {
  if (style.length > MAX_STYLE_LENGTH) return null;
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < style.length; i++) {
    const c = style[i]!;
    if (c === '\\' || c === '{' || c === '}' || c === '@' || c === '<' || style.charCodeAt(i) < 0x09) return null;
    if (c === '/' && style[i + 1] === '*') return null;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ';') {
      parts.push(style.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) return null;
  parts.push(style.slice(start));
  return parts;
}

/** The declarations of a style attribute that are safe to keep, as `property: value; …`, or null if none are. */
export function filterStyle(style: string): string | null {
  const declarations = declarationsOf(style);
  if (!declarations) return null;
  const kept: string[] = [];
  for (const declaration of declarations) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    // !important only fights the portal's own styles; the value stands without it
    const value = declaration.slice(colon + 1).trim().replace(/\s*!\s*important$/i, '');
    if (ALLOWED_PROPERTIES.has(property) && isSafeValue(property, value)) kept.push(`${property}: ${value}`);
  }
  return kept.length > 0 ? kept.join('; ') : null;
}
