/**
 * Text schemas for what people will read. Names go through `displayText`, which refuses line breaks and controls
 * and takes out the invisible characters that make one name look like another ("invoice\u202Efdp.exe" shows as
 * "invoiceexe.pdf"); notes keep their lines. Part of the contract because request bodies are built from them.
 */
import { z } from 'zod';

/** Line breaks and other control characters: a name is one line, and one that holds them is refused (a tab is a space). */
const CONTROLS = /(?!\t)[\p{Cc}\u2028\u2029]/u;
/**
 * Format characters: bidi embeddings, overrides, isolates and marks, zero-width spaces, soft hyphens, byte-order
 * marks, tags. Text copied from right-to-left documents carries them honestly, so they are taken out, not refused.
 * Zero-width (non-)joiners stay: scripts and emoji need them, and they reorder nothing.
 */
const INVISIBLE = /(?![\u200C\u200D])\p{Cf}/gu;

/** A NUL byte, or a surrogate half without its partner: neither can be stored in PostgreSQL nor written as UTF-8. */
const UNENCODABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isEncodableText(text: string): boolean {
  return !UNENCODABLE.test(text);
}

export function hasControlCharacters(text: string): boolean {
  return CONTROLS.test(text);
}

/** The name as people should see it: no invisible characters, composed (NFC), single-spaced, trimmed. */
export function cleanDisplayText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/[\t ]+/g, ' ').trim();
}

/**
 * The one schema for a name people will see (people, organizations, invitations, files, subjects, brand names):
 * invisible and reordering characters are taken out before the length is checked. Add `.min(1)` where required.
 */
export function displayText(max: number): z.ZodString {
  return z
    .string()
    .refine((text) => !hasControlCharacters(text), 'must be one line of text without control characters')
    .overwrite(cleanDisplayText)
    .max(max);
}

/** Line breaks and tabs are text in a note; the other controls are not. */
const NOTE_CONTROLS = /(?![\t\n\r])\p{Cc}/u;

/**
 * Free text people write and others read (a recall reason, a note above a forward): lines are kept, other controls
 * refused, and the same invisible characters as in names taken out.
 */
export function noteText(max: number): z.ZodString {
  return z
    .string()
    .refine((text) => !NOTE_CONTROLS.test(text), 'must not hold control characters other than line breaks')
    .overwrite((text) => text.normalize('NFC').replace(INVISIBLE, '').trim())
    .max(max);
}

/** Link tokens in emails (sign-up, password reset, invitation): 32 random bytes in base64url. */
export const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a Sealpost link token');

export const uuid = z.string().uuid();
