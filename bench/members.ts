/** members: search and a page of the members list in an organization of 100,000, against a SELECT 1 round trip. */
import { seedMembers } from '../backend/src/store/testing/bulkSeed';
import { load, percentile, round, startSealpost, type Figure } from './lib';
import { seedOrganization } from './seed';

const MEMBERS = 100_000;

export async function membersBenchmark(): Promise<Figure[]> {
  const running = await startSealpost();
  try {
    const org = await seedOrganization(running, { pros: 5, guests: 0 });
    await seedMembers(running.deps.store, org.organizationId, MEMBERS);
    const headers = { authorization: `Bearer ${org.token}` };
    const search = `${running.url}/api/v1/members?q=reyes&limit=50`;
    const page = `${running.url}/api/v1/members?limit=50&sort=name`;

    const selectOne: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const started = process.hrtime.bigint();
      await running.deps.store.db.query('SELECT 1');
      selectOne.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const baseline = percentile(selectOne, 99);
    await load({ url: search, headers, connections: 4, duration: 3 });
    const searched = await load({ url: search, headers, connections: 10, duration: 10 });
    const paged = await load({ url: page, headers, connections: 10, duration: 10 });
    const onServer = Boolean(process.env.BENCH_DATABASE_URL);
    const figure = (what: string, r: typeof searched): Figure => ({
      name: 'members',
      figure: `${what}, p99 (ms), ${MEMBERS.toLocaleString('en')} members, 10 connections`,
      value: r.latency.p99,
      baseline: round(baseline, 2),
      ratio: round(r.latency.p99 / baseline, 1),
      goal: '≤ 20 ms on a PostgreSQL server',
      met: onServer ? r.latency.p99 <= 20 : null,
      details: { p50: r.latency.p50, requestsPerSecond: round(r.requests.average), baselineIs: 'p99 of SELECT 1 from the same pool' },
    });
    return [figure('search "reyes" + first page of 50', searched), figure('first page of 50 by name', paged)];
  } finally {
    await running.stop();
  }
}
