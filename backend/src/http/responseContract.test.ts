/**
 * On a test server every JSON answer is held against its contract entry: a handler that drifts from the contract
 * answers 500 response_contract, and the log (not the answer) names the route and the mismatch, so the drift fails
 * whichever suite calls it. Other servers do not check, whatever NODE_ENV says.
 */
import express from 'express';
import type { Server } from 'node:http';
import { contract } from '../contract';
import { startTestServer, type TestServer } from '../testing/testServer';
import { watchLog } from './fuzz/logWatch';
import { problemHandler } from './problem';
import { defineRoute, mountRoutes } from './route';

const log = watchLog();
let t: TestServer;
let server: Server;
let url: string;

/** The liveness entry, implemented by a handler whose answer the contract does not allow (and one that keeps it). */
const routes = [
  defineRoute(contract.health.live, {
    tag: 'operations',
    summary: 'drifting',
    auth: 'none',
    // the type says "ok"; the value is what a drifted handler would send
    handler: async () => JSON.parse('{"status":"fine"}') as { status: 'ok' },
  }),
  defineRoute({ ...contract.health.ready, path: '/ready-kept' }, {
    tag: 'operations',
    summary: 'kept',
    auth: 'none',
    handler: async () => ({ status: 'ok' as const }),
  }),
];

beforeAll(async () => {
  t = await startTestServer({ env: { LOG_LEVEL: 'error' }, logTo: log.stream });
  const app = express();
  mountRoutes(app, routes, t.deps);
  app.use(problemHandler(t.deps.logger, t.deps.config.jsonBodyLimit));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.stop();
});

test('when a handler answers what its contract entry does not allow, then it is a 500 response_contract and the log names it', async () => {
  const res = await fetch(`${url}/health`);
  const body = (await res.json()) as { code: string; detail: string };
  expect([res.status, body.code]).toEqual([500, 'response_contract']);
  // the mismatch may quote the answer's values: it goes to the log, and the caller only learns that there was one
  expect(body.detail).toBe('The answer of GET /health did not match its contract; the server log names the difference.');
  expect(log.lines.some((line) => line.includes('answer does not match its contract entry') && line.includes('GET /health') && line.includes('"path":"status"'))).toBe(true);
});

test('when a server was not started by testServer.ts, then answers are not checked whatever NODE_ENV says', async () => {
  expect(process.env.NODE_ENV).toBe('test');
  const app = express();
  mountRoutes(app, routes, { ...t.deps, config: { ...t.deps.config, checkAnswers: undefined } });
  const unchecked = app.listen(0, '127.0.0.1');
  try {
    await new Promise((resolve) => unchecked.once('listening', resolve));
    const res = await fetch(`http://127.0.0.1:${(unchecked.address() as { port: number }).port}/health`);
    expect([res.status, await res.json()]).toEqual([200, { status: 'fine' }]);
  } finally {
    await new Promise((resolve) => unchecked.close(resolve));
  }
});

test('when a handler answers what its contract entry allows, then the answer goes out unchanged', async () => {
  const res = await fetch(`${url}/ready-kept`);
  expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }]);
});
