/**
 * The shared shell of the command-line tools: read the configuration (one sentence if it is wrong), open the same
 * store the server uses, run the command, print its answer, close, and exit with its code.
 */
import path from 'node:path';
import { InvalidConfigError, loadConfig, type Config } from '../config';
import { openStore, type Store } from '../store';

export type CliResult = string | { output: string; exitCode: number };

export function runCli(command: (config: Config, store: Store, args: string[]) => Promise<CliResult>, failureCode = 1): void {
  const fail = (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(failureCode);
  };
  (async () => {
    let config: Config;
    try {
      config = loadConfig();
    } catch (err) {
      if (err instanceof InvalidConfigError) return fail(err);
      throw err;
    }
    const store = await openStore({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pgdata') });
    let result: CliResult;
    try {
      result = await command(config, store, process.argv.slice(2));
    } finally {
      await store.close();
    }
    const { output, exitCode } = typeof result === 'string' ? { output: result, exitCode: 0 } : result;
    process.stdout.write(`${output}\n`);
    process.exit(exitCode);
  })().catch(fail);
}
