/** Runs one request at a time for a form: `busy` while it runs, and the ApiProblem it failed with, if any. */
import { useCallback, useRef, useState } from 'react';
import { ApiProblem } from './api';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const running = useRef(false);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined; // a double click sends once
    running.current = true;
    setBusy(true);
    setProblem(null);
    try {
      return await action();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.'));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, problem, setProblem, run };
}
