/**
 * Safe text. Every string a request carries is checked once at the boundary (http/route.ts): NUL bytes and UTF-16
 * halves without their partner cannot be stored in PostgreSQL nor written as UTF-8, so they are refused before any
 * schema or query sees them. Names people will read go through `displayText`, which takes out the invisible
 * characters that make one name look like another ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
 */
import { z } from 'zod';

/** A NUL byte, or a surrogate half without its partner. */
const UNENCODABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isEncodableText(text: string): boolean {
  return !UNENCODABLE.test(text);
}

/**
 * The path of the first string (value or key) in a parsed input that cannot be stored, or null when all can.
 * Iterative, so a deeply nested body costs no stack; linear in the size of the input.
 */
export function findUnencodableText(input: unknown): string | null {
  const pending: [unknown, string][] = [[input, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isEncodableText(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, join(path, String(index))]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        // A key is never echoed in full: it is what is broken.
        if (!isEncodableText(key)) return join(path, '(a field name)');
        pending.push([item, join(path, key)]);
      }
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Line breaks and tabs become spaces: a name is one line. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Controls and format characters: bidi embeddings, overrides, isolates and marks, zero-width spaces, soft hyphens,
 * byte-order marks, tags. Zero-width (non-)joiners stay: scripts and emoji need them, and they reorder nothing.
 */
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}]/gu;

/** The name as people should see it: one line, no invisible characters, composed (NFC), single-spaced, trimmed. */
export function cleanDisplayText(text: string): string {
  return text.normalize('NFC').replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/**
 * The one schema for a name people will see (people, organizations, invitations, files, subjects, brand names):
 * invisible and reordering characters are taken out before the length is checked. Add `.min(1)` where required.
 */
export function displayText(max: number): z.ZodString {
  return z.string().overwrite(cleanDisplayText).max(max);
}
