/**
 * A sweep that runs now and then in the background of the server (main.ts starts and stops each): one run at a time
 * per process, a failure logged and the next run as planned, a timer that never keeps the process alive on its own.
 * Sweeps are written to be safe with every instance running them at once.
 */
import type { Logger } from 'pino';

export interface PeriodicSweep<T> {
  /** Sweeps now (after any sweep already running); answers what the sweep answers. */
  sweepNow(): Promise<T>;
  /** No more sweeps; resolves once a running one has finished. */
  stop(): Promise<void>;
}

export function startPeriodicSweep<T>(
  sweep: () => Promise<T>,
  options: { intervalMs: number; firstDelayMs: number; logger: Logger; failure: string },
): PeriodicSweep<T> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const sweepNow = () => {
    const run = chain.then(sweep);
    chain = run.catch((error: unknown) => options.logger.error({ code: (error as { code?: string }).code }, options.failure));
    return run;
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweepNow()
        .catch(() => undefined)
        .finally(() => schedule(options.intervalMs));
    }, delay);
    timer.unref();
  };
  schedule(options.firstDelayMs);

  return {
    sweepNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}
