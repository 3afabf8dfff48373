/**
 * Azurite, Microsoft's Azure Storage server, for tests of the Azure blob store: its blob service runs in a child
 * process (so its memory is not counted as the test's) on a loopback port the system picks, keeping its data in a
 * temporary directory removed on stop. Telemetry is off, so nothing leaves the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Azurite's single account and its key, published in Azurite's documentation: no secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const READY = /successfully listens on (http:\/\/\S+)/;

export interface Azurite {
  /** The blob endpoint, e.g. http://127.0.0.1:41234/devstoreaccount1. */
  blobUrl: string;
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(options: { startTimeoutMs?: number } = {}): Promise<Azurite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-azurite-'));
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const child = spawn(
    process.execPath,
    [main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', dir, '--silent', '--disableTelemetry', '--skipApiVersionCheck'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // a test run that dies must not leave the server behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let address: string;
  try {
    address = await readyAddress(child, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const blobUrl = `${address}/${ACCOUNT}`;
  return {
    blobUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${blobUrl};`,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readyAddress(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const keep = (data: Buffer) => (output = (output + data.toString()).slice(-4000));
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${timeoutMs} ms: ${output.slice(-500)}`)), timeoutMs);
    const onData = (data: Buffer) => {
      keep(data);
      const match = READY.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      // drained from now on, so a chatty server cannot fill the pipe and stall
      child.stdout!.resume();
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', keep);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before it was ready: ${output.slice(-500)}`));
    });
  });
}
