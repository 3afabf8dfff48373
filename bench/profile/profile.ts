/**
 * Profiles Sealpost under the load of one benchmark: the server runs in a child process (target.ts) with the V8
 * CPU profiler on, autocannon drives it from here, and the profile is summarized by function and by area.
 * Build after `npm run bench` (which compiles the backend and copies the migrations into dist/bench):
 *   npx tsc -p bench/profile/tsconfig.json
 *   BENCH_DATABASE_URL=… node dist/bench/bench/profile/profile.js <classify|members|send> [seconds] [connections]
 * Writes dist/profile/<scenario>-<time>.cpuprofile (open it in Chrome DevTools for a flame graph); ROWS=n sets the
 * length of the tables, MEMBERS_QUERY the members query string, PROFILE_LOG_LEVEL=info turns access logs on.
 */
import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon = require('autocannon');
import { ROOT } from '../lib';
import { formatSummary, summarizeProfile, type CpuProfile } from './summarize';
import type { Ready, Scenario } from './target';

export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`profiled process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

/** The load each benchmark puts on the server, aimed at the profiled process. */
export function loadFor(scenario: Scenario, ready: Ready): autocannon.Options {
  const auth = { authorization: `Bearer ${ready.token}` };
  if (scenario === 'classify') {
    const recipients = [...ready.members.slice(0, 15), ...ready.guests.slice(0, 15), ...Array.from({ length: 20 }, (_, i) => `new${i}@elsewhere.example`)];
    return {
      url: `${ready.url}/api/v1/recipients/classify`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ recipients: recipients.map((email) => ({ email })) }),
    };
  }
  if (scenario === 'members') {
    const which = process.env.MEMBERS_QUERY ?? 'limit=50&sort=name';
    return { url: `${ready.url}/api/v1/members?${which}`, headers: auth };
  }
  const html = `<p>${'Results are attached and look fine. '.repeat(280)}</p>`.slice(0, 10_240);
  const headers = { ...auth, 'content-type': 'application/json' };
  const body = JSON.stringify({ subject: 'Your results', html, to: ready.guests.slice(0, 3).map((email) => ({ email })) });
  return {
    url: ready.url,
    requests: [{ method: 'POST', path: '/api/v1/messages', headers, body, setupRequest: (req: Record<string, unknown>) => ({ ...req, headers: { ...headers, 'idempotency-key': randomUUID() } }) }],
  };
}

async function main(): Promise<void> {
  const scenario = process.argv[2] as Scenario;
  const seconds = Number(process.argv[3] ?? 10);
  const connections = Number(process.argv[4] ?? (scenario === 'members' ? 10 : scenario === 'send' ? 50 : 100));
  const child = fork(path.join(__dirname, 'target.js'), [scenario], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage<Ready>(child);
  const options = loadFor(scenario, ready);
  await autocannon({ ...options, connections: 10, duration: 2 }); // warm-up, outside the profile
  child.send({ do: 'start' });
  await nextMessage(child);
  const result = await autocannon({ ...options, connections, duration: seconds, timeout: 30 });
  const dir = path.join(ROOT, 'dist', 'profile');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${scenario}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  child.send({ do: 'stop', file });
  await nextMessage(child);
  process.stdout.write(
    `${scenario}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `${result.non2xx} non-2xx, ${result.errors} errors (${connections} connections, ${seconds} s, profiler on)\n${file}\n\n`,
  );
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${formatSummary(summarizeProfile(profile, Number(process.env.ROWS ?? 30)))}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
