/**
 * Sealpost for the upload benchmark, in a process of its own so that its memory is the server's alone (the
 * benchmark's client makes and hashes gigabytes next door). Started by serverProcess.ts: tells its parent the URL
 * and a signed-in token, and stops (removing its data dir) when the parent says "stop" or goes away.
 */
import { startBareTransferServer } from './bareTransfer';
import { startSealpost } from './lib';
import { seedOrganization } from './seed';

export interface ServerReady {
  url: string;
  token: string;
  /** Removed by the server as it stops, and by the parent again in case the server died first. */
  dataDir: string;
  /** The bare transfer server in the same process (bareTransfer.ts). */
  bareUrl: string;
}

async function main(): Promise<void> {
  const running = await startSealpost();
  const bare = await startBareTransferServer();
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= Promise.all([running.stop(), bare.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message) => {
    if (message === 'stop') stop();
  });
  process.on('disconnect', stop);
  try {
    const org = await seedOrganization(running, { pros: 0, guests: 0 });
    process.send?.({ url: running.url, token: org.token, dataDir: running.dataDir, bareUrl: bare.url } satisfies ServerReady);
  } catch (error) {
    process.stderr.write(`the benchmark server could not be seeded: ${error instanceof Error ? error.message : String(error)}\n`);
    stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`the benchmark server did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
