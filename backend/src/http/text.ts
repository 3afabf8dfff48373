/**
 * Safe text. Every string a request carries is checked once at the boundary (http/route.ts): NUL bytes and UTF-16
 * halves without their partner cannot be stored in PostgreSQL nor written as UTF-8, so they are refused before any
 * schema or query sees them. Names people will read go through `displayText` (contract/text.ts).
 */
import { isEncodableText } from '../contract/text';

export { isEncodableText };

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

// The schemas for names and notes are part of the API contract; re-exported for the server's own modules.
export { cleanDisplayText, displayText, hasControlCharacters, noteText } from '../contract/text';
