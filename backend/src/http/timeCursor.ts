/**
 * Keyset cursors for lists ordered by time: "<ISO time>|<uuid>" in base64url, opaque to clients. A cursor that is not
 * one of ours is a 400 naming the query parameter it came in.
 */
import { errors } from '../errors';

export const encodeTimeCursor = (at: Date | string, id: string) =>
  Buffer.from(`${typeof at === 'string' ? at : at.toISOString()}|${id}`).toString('base64url');

/**
 * Exactly what encodeTimeCursor writes: a time as toISOString gives it, with a four-digit year, and a lower-case uuid.
 * A JS Date reaches years PostgreSQL cannot store (0, -1, +275760), so anything else never gets near a query.
 */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** No row of ours was written before 1970; the upper bound keeps the year at four digits. */
const FIRST_YEAR = 1970;

export function decodeTimeCursor(cursor: string | undefined, parameter: string): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  const at = new Date(match?.[1] ?? '');
  // The round trip refuses dates that do not exist (2026-02-30), which Date would roll over.
  if (!match || Number.isNaN(at.getTime()) || at.toISOString() !== match[1] || at.getUTCFullYear() < FIRST_YEAR) {
    throw errors.validation(`The query is not valid: ${parameter}: is not a cursor from this list.`, [{ path: parameter }]);
  }
  return { at, id: match[2]! };
}
