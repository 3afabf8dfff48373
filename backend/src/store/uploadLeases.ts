/**
 * Upload writer leases (upload_leases): who may write to an upload right now, across instances. Times are the
 * database's clock, so instances whose clocks disagree still agree on who holds a lease and when it runs out.
 */
import type { Queryable } from './db';

export interface UploadLeaseRepository {
  /** Takes the upload's lease for `seconds` unless another holder's lease is still running; true when taken. */
  acquire(fileId: string, holder: string, seconds: number): Promise<boolean>;
  /** Extends the holder's lease by `seconds` from now; false when it is no longer the holder's. */
  renew(fileId: string, holder: string, seconds: number): Promise<boolean>;
  /** Gives the lease up, if it is still the holder's. */
  release(fileId: string, holder: string): Promise<void>;
  /** Whether someone holds a running lease on the upload. */
  isHeld(fileId: string): Promise<boolean>;
  /** Forgets leases that ran out (left by instances that stopped mid-chunk); answers how many. */
  clearExpired(): Promise<number>;
}

export function uploadLeaseRepository(q: Queryable): UploadLeaseRepository {
  return {
    async acquire(fileId, holder, seconds) {
      // a conflicting insert waits for the other and re-checks its row, so of two racing writers exactly one wins
      const rows = await q.query(
        `INSERT INTO upload_leases AS l (file_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::int))
         ON CONFLICT (file_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE l.expires_at <= now()
         RETURNING holder`,
        [fileId, holder, seconds],
      );
      return rows.length === 1;
    },
    async renew(fileId, holder, seconds) {
      const rows = await q.query(
        `UPDATE upload_leases SET expires_at = now() + make_interval(secs => $3::int)
         WHERE file_id = $1 AND holder = $2 AND expires_at > now() RETURNING file_id`,
        [fileId, holder, seconds],
      );
      return rows.length === 1;
    },
    async release(fileId, holder) {
      await q.query('DELETE FROM upload_leases WHERE file_id = $1 AND holder = $2', [fileId, holder]);
    },
    async isHeld(fileId) {
      const rows = await q.query('SELECT 1 FROM upload_leases WHERE file_id = $1 AND expires_at > now()', [fileId]);
      return rows.length === 1;
    },
    async clearExpired() {
      const rows = await q.query('DELETE FROM upload_leases WHERE expires_at <= now() RETURNING file_id');
      return rows.length;
    },
  };
}
