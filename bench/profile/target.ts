/**
 * The process being profiled: a fresh Sealpost seeded for one scenario. It tells its parent where it listens, then
 * runs the V8 CPU profiler only between the parent's "start" and "stop", so seeding stays out of the profile.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import { seedMembers } from '../../backend/src/store/testing/bulkSeed';
import { startSealpost } from '../lib';
import { seedOrganization } from '../seed';

export type Scenario = 'classify' | 'members' | 'send';

export interface Ready {
  url: string;
  token: string;
  members: string[];
  guests: string[];
}

const SIZES: Record<Scenario, { pros: number; guests: number }> = {
  classify: { pros: 20, guests: 20 },
  members: { pros: 5, guests: 0 },
  send: { pros: 5, guests: 5 },
};

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T)));
  });
}

async function main(): Promise<void> {
  const scenario = process.argv[2] as Scenario;
  if (!SIZES[scenario]) throw new Error(`unknown scenario ${scenario}`);
  // PROFILE_LOG_LEVEL=info profiles with access logs on (the benchmarks run silent).
  const running = await startSealpost(process.env.PROFILE_LOG_LEVEL ? { LOG_LEVEL: process.env.PROFILE_LOG_LEVEL } : {});
  const org = await seedOrganization(running, SIZES[scenario]);
  if (scenario === 'members') await seedMembers(running.deps.store, org.organizationId, 100_000);
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });

  // "stop" without a file just stops: a plain measured run, no profile.
  process.on('message', (message: { do: 'start' } | { do: 'stop'; file?: string }) => {
    void (async () => {
      if (message.do === 'start') {
        await post(session, 'Profiler.start');
        process.send!({ started: true });
        return;
      }
      if (message.file) {
        const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
        fs.writeFileSync(message.file, JSON.stringify(profile));
      }
      await running.stop();
      process.send!({ stopped: true }, () => process.exit(0));
    })();
  });
  const ready: Ready = { url: running.url, token: org.token, members: org.members, guests: org.guests };
  process.send!(ready);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
