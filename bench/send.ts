/** send: POST /messages with a 10 KB HTML body to 3 existing recipients, each with its own Idempotency-Key. */
import { randomUUID } from 'node:crypto';
import { bareServer, json, load, round, startSealpost, type Figure } from './lib';
import { seedOrganization } from './seed';

export async function sendBenchmark(): Promise<Figure[]> {
  // The mail budgets are spent on every send as always, but set high enough that the load measures sending, not
  // the 429s a new organization's daily allowance (1,000 notices) gives after a few hundred sends.
  const running = await startSealpost({ SENDER_NOTICES_PER_HOUR: '1000000', NEW_ORGANIZATION_NOTICES_PER_DAY: '10000000' });
  try {
    const org = await seedOrganization(running, { pros: 5, guests: 5 });
    const html = `<p>${'Results are attached and look fine. '.repeat(280)}</p>`.slice(0, 10_240);
    const message = { subject: 'Your results', html, to: org.guests.slice(0, 3).map((email) => ({ email })) };
    const body = JSON.stringify(message);
    const headers = { authorization: `Bearer ${org.token}`, 'content-type': 'application/json' };
    const url = `${running.url}/api/v1/messages`;
    const answer = JSON.stringify(await json(url, { token: org.token, body: message, headers: { 'idempotency-key': randomUUID() } }));
    const requests = [{ method: 'POST', path: '/api/v1/messages', headers, body, setupRequest: (req: Record<string, unknown>) => ({ ...req, headers: { ...headers, 'idempotency-key': randomUUID() } }) }];

    await load({ url, requests, connections: 10, duration: 3 });
    const sealpost = await load({ url, requests, connections: 50, duration: 10 });
    const bare = await bareServer(answer);
    const baseline = await load({ url: bare.url, method: 'POST', body, headers, connections: 50, duration: 10 });
    await bare.close();
    const onServer = Boolean(process.env.BENCH_DATABASE_URL);
    return [
      {
        name: 'send',
        figure: 'messages per second (10 KB body, 3 recipients, 50 connections)',
        value: round(sealpost.requests.average),
        baseline: round(baseline.requests.average),
        ratio: round(sealpost.requests.average / baseline.requests.average, 3),
        goal: '≥ 500 msg/s on a PostgreSQL server',
        met: onServer ? sealpost.requests.average >= 500 : null,
        details: { p50: sealpost.latency.p50, p99: sealpost.latency.p99 },
      },
      { name: 'send', figure: 'p99 latency (ms)', value: sealpost.latency.p99, baseline: baseline.latency.p99, ratio: null, goal: '≤ 50 ms on a PostgreSQL server', met: onServer ? sealpost.latency.p99 <= 50 : null },
    ];
  } finally {
    await running.stop();
  }
}
