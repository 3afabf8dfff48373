/** Keyset cursors: what goes out comes back, and anything else is a 400 naming the parameter. */
import { AppError } from '../errors';
import { decodeTimeCursor, encodeTimeCursor } from './timeCursor';

const ID = '0b6e6900-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

test('when a cursor made here comes back, then it decodes to the same time and id', () => {
  const at = new Date('2026-11-23T07:50:00.123Z');
  expect(decodeTimeCursor(encodeTimeCursor(at, ID), 'before')).toEqual({ at, id: ID });
  expect(decodeTimeCursor(encodeTimeCursor(at.toISOString(), ID), 'after')).toEqual({ at, id: ID });
  expect(decodeTimeCursor(undefined, 'before')).toBeUndefined();
});

test('when a cursor was not made here, then it is a 400 that names the parameter', () => {
  const forged = [
    'garbage',
    Buffer.from(`not a time|${ID}`).toString('base64url'),
    Buffer.from('2026-11-23T07:50:00Z|not-a-uuid').toString('base64url'),
    Buffer.from("2026-11-23T07:50:00Z|' OR 1=1 --").toString('base64url'),
  ];
  for (const cursor of forged) {
    let error: unknown;
    try {
      decodeTimeCursor(cursor, 'after');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toBe('The query is not valid: after: is not a cursor from this list.');
  }
});
