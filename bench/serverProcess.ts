/**
 * Runs uploadServer.js as a child process and watches its resident memory (VmRSS in /proc/<pid>/status, Linux) while
 * the benchmark works. BENCH_SERVER_NODE_OPTIONS adds Node flags to the child only, e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile the server without profiling the client.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerReady } from './uploadServer';

export interface ServerProcess extends ServerReady {
  pid: number;
  /** Resident set size now, in bytes. */
  rss(): number;
  /** CPU seconds the server has used so far, all threads, user + system: contention on a shared machine barely moves it. */
  cpuSeconds(): number;
  /** Samples RSS every `everyMs` until the returned function is called; that function answers the peak. */
  watchRss(everyMs?: number): () => number;
  stop(): Promise<void>;
}

function readRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb[1]) * 1024;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, after the parenthesised command name). */
function readCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** USER_HZ: what /proc counts CPU time in; 100 on every Linux that matters here. */
const CLOCK_TICKS = 100;

export async function startServerProcess(): Promise<ServerProcess> {
  const extra = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = fork(path.join(__dirname, 'uploadServer.js'), [], { execArgv: extra, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerReady));
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code} before it was ready`)));
    child.once('error', reject);
  });
  const pid = child.pid!;
  return {
    ...ready,
    pid,
    rss: () => readRss(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    watchRss(everyMs = 50) {
      let peak = readRss(pid);
      const timer = setInterval(() => {
        peak = Math.max(peak, readRss(pid));
      }, everyMs);
      return () => {
        clearInterval(timer);
        return Math.max(peak, readRss(pid));
      };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.send('stop');
        });
      }
      fs.rmSync(ready.dataDir, { recursive: true, force: true });
    },
  };
}
