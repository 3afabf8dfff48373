/**
 * Authentication comes before validation: an anonymous caller of a signed-in route learns nothing about the input
 * it would take (no 400, 413 or 415 before the 401), on every such route of the route list.
 */
import { apiRoutes } from '../routes';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { JSON_BODY_LIMIT_KB: '16' } });
});
afterAll(async () => {
  await t.stop();
});

const sessionRoutes = apiRoutes.filter((r) => r.auth === 'session').map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const);

describe.each(sessionRoutes)('%s', (_name, route) => {
  test.each([
    ['malformed JSON', '{"a": ', {}],
    ['an oversized body', JSON.stringify({ a: 'x'.repeat(40_000) }), {}],
    ['a text/plain body', 'hello', { 'content-type': 'text/plain' }],
    ['a NUL in the body', '{"a":"\\u0000"}', {}],
  ] as const)('when an anonymous caller sends %s and bad parameters, then it answers 401', async (_what, body, headers) => {
    const path = route.path.replace(/:(\w+)/g, 'not-a-uuid');
    const hasBody = route.method !== 'get' && route.method !== 'head';
    const res = await t.api(route.method.toUpperCase(), `${path}?bogus=%00`, hasBody ? { body, headers: { ...headers } } : {});
    expect(res.status).toBe(401);
    if (route.method !== 'head') expect(res.body.code).toBe('unauthenticated');
  });
});
