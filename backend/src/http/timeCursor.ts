/**
 * Keyset cursors for lists ordered by time: "<ISO time>|<uuid>" in base64url, opaque to clients. A cursor that is not
 * one of ours is a 400 naming the query parameter it came in.
 */
import { z } from 'zod';
import { errors } from '../errors';

export const encodeTimeCursor = (at: Date | string, id: string) =>
  Buffer.from(`${typeof at === 'string' ? at : at.toISOString()}|${id}`).toString('base64url');

export function decodeTimeCursor(cursor: string | undefined, parameter: string): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [time, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(time ?? '');
  if (Number.isNaN(at.getTime()) || !z.string().uuid().safeParse(id).success) {
    throw errors.validation(`The query is not valid: ${parameter}: is not a cursor from this list.`, [{ path: parameter }]);
  }
  return { at, id: id! };
}
