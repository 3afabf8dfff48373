/** Fixed-window attempt counters kept in the database, so every instance sees the same counts. */
import type { Queryable } from './db';

export interface RateLimitRepository {
  /** Counts one attempt against `key`; returns the attempts in the current window and when it started. */
  hit(key: string, windowSeconds: number): Promise<{ hits: number; windowStart: Date }>;
  reset(key: string): Promise<void>;
}

export function rateLimitRepository(q: Queryable): RateLimitRepository {
  return {
    async hit(key, windowSeconds) {
      const rows = await q.query<{ hits: number; window_start: Date }>(
        `INSERT INTO rate_limits AS r (key, window_start, hits) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2::int) THEN 1 ELSE r.hits + 1 END,
           window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2::int) THEN now() ELSE r.window_start END
         RETURNING hits, window_start`,
        [key, windowSeconds],
      );
      return { hits: rows[0]!.hits, windowStart: rows[0]!.window_start };
    },
    async reset(key) {
      await q.query('DELETE FROM rate_limits WHERE key = $1', [key]);
    },
  };
}
