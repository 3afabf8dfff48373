/** classify: POST /recipients/classify with 50 mixed recipients, 100 connections, against a bare http baseline. */
import { bareServer, json, load, round, startSealpost, type Figure } from './lib';
import { seedOrganization } from './seed';

export async function classifyBenchmark(): Promise<Figure[]> {
  const running = await startSealpost();
  try {
    const org = await seedOrganization(running, { pros: 20, guests: 20 });
    const recipients = [
      ...org.members.slice(0, 15),
      ...org.guests.slice(0, 15),
      ...Array.from({ length: 20 }, (_, i) => `new${i}@elsewhere.example`),
    ].map((email) => ({ email }));
    const body = JSON.stringify({ recipients });
    const request = { url: `${running.url}/api/v1/recipients/classify`, method: 'POST', body, headers: { authorization: `Bearer ${org.token}`, 'content-type': 'application/json' } };
    const answer = JSON.stringify(await json(request.url, { token: org.token, body: { recipients } }));

    await load({ ...request, connections: 10, duration: 3 }); // warm-up
    const sealpost = await load({ ...request, connections: 100, duration: 10 });
    const bare = await bareServer(answer);
    const baseline = await load({ url: bare.url, method: 'POST', body, headers: request.headers, connections: 100, duration: 10 });
    // autocannon paces 500 req/s in bursts from this same process, so the bare server's p99 at that pace is the floor
    // the latency figure is read against.
    const bareAtPace = await load({ url: bare.url, method: 'POST', body, headers: request.headers, connections: 50, duration: 10, overallRate: 500 });
    await bare.close();
    const paced = await load({ ...request, connections: 50, duration: 10, overallRate: 500 });

    const ratio = sealpost.requests.average / baseline.requests.average;
    return [
      { name: 'classify', figure: 'throughput (req/s, 50 recipients, 100 connections)', value: round(sealpost.requests.average), baseline: round(baseline.requests.average), ratio: round(ratio, 3), goal: '≥ 40% of baseline', met: ratio >= 0.4 },
      {
        name: 'classify',
        figure: 'p99 latency at 500 req/s (ms; baseline: bare server at the same pace)',
        value: paced.latency.p99,
        baseline: bareAtPace.latency.p99,
        ratio: round(paced.latency.p99 / Math.max(bareAtPace.latency.p99, 1), 1),
        goal: '≤ 5 ms',
        met: paced.latency.p99 <= 5,
        details: { p50: paced.latency.p50, achievedRate: round(paced.requests.average), bareP50: bareAtPace.latency.p50 },
      },
    ];
  } finally {
    await running.stop();
  }
}
