/**
 * Writes a client may repeat safely (Idempotency-Key): the same key with the same request answers with what the
 * first request made instead of making it again; the same key with a different request is refused with 409. Two
 * requests racing with one key both miss the first look; the store's UniqueConflict then tells the loser to answer
 * with the winner's result, so neither the client nor this code ever sees a database error code.
 */
import { errors } from '../errors';
import { UniqueConflict } from '../store';

export interface Repeatable<Earlier extends { requestHash: string | null }, Result> {
  /** The client's Idempotency-Key; without one, every request writes. */
  key: string | undefined;
  /** Hash of the whole request, kept with what it made, to tell a repeat from a different request under a used key. */
  requestHash: string;
  /** What an earlier request with this key made, or null. */
  findEarlier(key: string): Promise<Earlier | null>;
  /** The answer to a repeat, from what the first request made. */
  replay(earlier: Earlier): Result | Promise<Result>;
  /** What a request makes, for the refusal of a reused key ("message" unless said). */
  what?: string;
}

async function replayed<E extends { requestHash: string | null }, R>(request: Repeatable<E, R>, key: string): Promise<{ result: R } | null> {
  const earlier = await request.findEarlier(key);
  if (!earlier) return null;
  if (earlier.requestHash !== request.requestHash) {
    throw errors.idempotencyConflict(request.what);
  }
  return { result: await request.replay(earlier) };
}

/** Runs `write` unless this request was made before; a write that loses a race for its key answers as a repeat. */
export async function writeOnce<E extends { requestHash: string | null }, R>(request: Repeatable<E, R>, write: () => Promise<R>): Promise<R> {
  const { key } = request;
  if (key) {
    const earlier = await replayed(request, key);
    if (earlier) return earlier.result;
  }
  try {
    return await write();
  } catch (err) {
    if (key && err instanceof UniqueConflict) {
      const winner = await replayed(request, key);
      if (winner) return winner.result;
    }
    throw err;
  }
}
