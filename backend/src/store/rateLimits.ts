/**
 * Attempt counters kept in the database, so every instance sees the same counts: fixed windows, and sign-in
 * throttles (consecutive failures, each one beyond the free ones doubling the wait before the next try).
 */
import type { Queryable } from './db';

export interface ThrottleRule {
  /** Failures allowed without any wait. */
  free: number;
  /** The wait stops doubling here. */
  maxDelaySeconds: number;
  /** Failures older than this are forgotten. */
  forgetSeconds: number;
}

export interface RateLimitRepository {
  /** Counts `amount` attempts (one by default) against `key`; returns the attempts in the current window and when it started. */
  hit(key: string, windowSeconds: number, amount?: number): Promise<{ hits: number; windowStart: Date }>;
  reset(key: string): Promise<void>;
  /**
   * Counts an attempt as a failure (a success clears it afterwards) unless the wait owed for the failures before it
   * has not passed: then nothing is counted and the answer is the seconds left. Atomic, so parallel tries queue too.
   */
  throttle(key: string, rule: ThrottleRule): Promise<{ waitSeconds: number }>;
  clearThrottle(key: string): Promise<void>;
}

// The wait owed after `failures` consecutive failures: none within the free ones, then 1 s, 2 s, 4 s … up to the cap.
const WAIT_SQL = 'make_interval(secs => least(power(2, t.failures - $2), $3))';

export function rateLimitRepository(q: Queryable): RateLimitRepository {
  return {
    async hit(key, windowSeconds, amount = 1) {
      const rows = await q.query<{ hits: number; window_start: Date }>(
        `INSERT INTO rate_limits AS r (key, window_start, hits) VALUES ($1, now(), $3::int)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2::int) THEN $3::int ELSE r.hits + $3::int END,
           window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2::int) THEN now() ELSE r.window_start END
         RETURNING hits, window_start`,
        [key, windowSeconds, amount],
      );
      return { hits: rows[0]!.hits, windowStart: rows[0]!.window_start };
    },
    async throttle(key, rule) {
      const counted = await q.query(
        `INSERT INTO sign_in_throttles AS t (key, failures, last_failed_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failed_at <= now() - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
           last_failed_at = now()
         WHERE t.failures < $2 OR t.last_failed_at <= now() - ${WAIT_SQL} OR t.last_failed_at <= now() - make_interval(secs => $4)
         RETURNING failures`,
        [key, rule.free, rule.maxDelaySeconds, rule.forgetSeconds],
      );
      if (counted.length > 0) return { waitSeconds: 0 };
      const waiting = await q.query<{ wait: number }>(
        `SELECT greatest(1, ceil(extract(epoch FROM t.last_failed_at + ${WAIT_SQL} - now())))::int AS wait
         FROM sign_in_throttles t WHERE t.key = $1`,
        [key, rule.free, rule.maxDelaySeconds],
      );
      return { waitSeconds: waiting[0]?.wait ?? 1 };
    },
    async clearThrottle(key) {
      await q.query('DELETE FROM sign_in_throttles WHERE key = $1', [key]);
    },
    async reset(key) {
      await q.query('DELETE FROM rate_limits WHERE key = $1', [key]);
    },
  };
}
