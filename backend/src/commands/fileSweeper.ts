/**
 * Housekeeping of uploads nobody sent: a file that no message carries and that made no progress for longer than
 * ABANDONED_UPLOAD_HOURS — an upload never finished, or a finished one never attached — is deleted, row first and
 * then its encrypted blob, and the deletion is an audit event of its organization. The row is deleted only if it
 * is still unsent and idle at that moment, so a send or a resumed upload racing the sweep keeps its file.
 */
import type { AppDeps } from '../deps';
import { auditActor } from '../store';
import { startPeriodicSweep, type PeriodicSweep } from './periodicSweep';

type SweepDeps = Pick<AppDeps, 'store' | 'blobs' | 'logger'>;

export interface SweepOptions {
  /** How long an unsent file may sit without progress. */
  maxIdleMs: number;
  now?: () => Date;
  batchSize?: number;
}

/** One sweep over every organization; answers how many files it deleted. */
export async function sweepAbandonedUploads(deps: SweepDeps, options: SweepOptions): Promise<number> {
  const idleSince = new Date((options.now ?? (() => new Date()))().getTime() - options.maxIdleMs);
  const batchSize = options.batchSize ?? 100;
  let removed = 0;
  await deps.store.uploadLeases.clearExpired();
  for (;;) {
    const batch = await deps.store.files.listAbandoned(idleSince, batchSize);
    let removedNow = 0;
    for (const file of batch) {
      // a chunk being written on any instance holds the upload's lease; one starting after this check touches the
      // file first, and removeAbandoned then finds it no longer idle
      if (await deps.store.uploadLeases.isHeld(file.id)) continue;
      // the row and its event go together; the blob after, as nothing can reach it once the row is gone
      const removedRow = await deps.store.transaction(async (tx) => {
        if (!(await tx.files.removeAbandoned(file.organizationId, file.id, idleSince))) return false;
        await tx.audit.record(auditActor(file.organizationId, null), 'file.discarded', { type: 'file', id: file.id },
          { reason: 'abandoned', status: file.status, size: file.size, received: file.received, uploaderId: file.uploaderId });
        return true;
      });
      if (!removedRow) continue;
      removedNow += 1;
      try {
        await deps.blobs.remove(file.blobKey);
      } catch (error) {
        // the row is gone, so nothing can reach these bytes; they are ciphertext whose key went with the row
        deps.logger.warn({ fileId: file.id, code: (error as { code?: string }).code }, 'abandoned upload: its blob could not be removed');
      }
    }
    removed += removedNow;
    // a short batch is the last; a batch that removed nothing (all raced away) would only repeat itself
    if (batch.length < batchSize || removedNow === 0) break;
  }
  if (removed) deps.logger.info({ removed }, 'abandoned uploads deleted');
  return removed;
}

/** Sweeps now or stops; `sweepNow` answers how many files it deleted. */
export type UploadSweeper = PeriodicSweep<number>;

export interface UploadSweeperOptions extends SweepOptions {
  /** Between sweeps; default an hour, or half the idle limit when that is shorter. */
  intervalMs?: number;
  /** Before the first sweep, so a start is not slowed by it; default a minute. */
  firstDelayMs?: number;
}

/** Sweeps periodically in the background of the server (main.ts starts and stops it). */
export function startUploadSweeper(deps: SweepDeps, options: UploadSweeperOptions): UploadSweeper {
  return startPeriodicSweep(() => sweepAbandonedUploads(deps, options), {
    intervalMs: options.intervalMs ?? Math.min(3_600_000, Math.max(60_000, options.maxIdleMs / 2)),
    firstDelayMs: options.firstDelayMs ?? 60_000,
    logger: deps.logger,
    failure: 'abandoned upload sweep failed',
  });
}
