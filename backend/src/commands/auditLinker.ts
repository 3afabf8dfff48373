/**
 * The background audit linker every instance runs: every few hundred milliseconds it links the audit events
 * committed since, so the chain trails the changes by well under a second. Only one instance links at a time (the
 * store's advisory lock; the others skip their turn), and a crash mid-batch links nothing, so the next turn of any
 * instance starts over from the first unlinked event.
 */
import type { Logger } from '../logger';
import type { Store } from '../store';

export interface AuditLinkerOptions {
  intervalMs?: number;
}

export interface AuditLinker {
  /** Links everything committed now; resolves with how many events it linked. */
  linkNow(): Promise<number>;
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 250;

export function startAuditLinker(deps: { store: Store; logger: Logger }, options: AuditLinkerOptions = {}): AuditLinker {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const linkNow = () => {
    const run = chain.then(async () => {
      let total = 0;
      for (;;) {
        // `wait: false`: when another instance is linking, this one leaves the turn to it.
        const linked = await deps.store.audit.link({ wait: false });
        total += linked;
        if (linked === 0 || stopped) return total;
      }
    });
    chain = run.catch((error: unknown) => deps.logger.error({ code: (error as { code?: string }).code }, 'audit linking failed'));
    return run;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      linkNow()
        .catch(() => undefined)
        .finally(schedule);
    }, intervalMs);
    // the linker must not keep the process alive on its own
    timer.unref();
  };
  schedule();

  return {
    linkNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
      // what was committed before the stop is linked now rather than by the next instance to run
      await deps.store.audit.link().catch(() => undefined);
    },
  };
}
