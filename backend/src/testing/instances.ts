/**
 * Sealpost instances as separate processes (testing/instanceProcess.cjs), for tests of several instances behind a
 * load balancer: each has its own memory, event loop, mail worker and sweep, and they share only what the
 * environment names (the database, the blob store, the secrets, the SMTP relay).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface InstanceProcess {
  url: string;
  /** Runs the instance's sweep of abandoned uploads now; answers how many it deleted. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export async function startInstance(env: Record<string, string>, startTimeoutMs = 60_000): Promise<InstanceProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'instanceProcess.cjs'), [], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start in time: ${stderr}`)), startTimeoutMs);
    child.on('message', (message: { url?: string }) => {
      if (message.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    sweep: () =>
      new Promise((resolve, reject) => {
        const answer = (message: { swept?: number; sweepFailed?: string }) => {
          if (message.swept === undefined && message.sweepFailed === undefined) return;
          child.off('message', answer);
          if (message.sweepFailed !== undefined) reject(new Error(message.sweepFailed));
          else resolve(message.swept!);
        };
        child.on('message', answer);
        child.send({ sweep: true });
      }),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
