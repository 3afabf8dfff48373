/** The API description and the mounted routes must match exactly: no undocumented route, no phantom path. */
import type { Express } from 'express';
import { buildApp } from '../app';
import { startTestServer, type TestServer } from '../testing/testServer';
import { toOpenApiPath } from './openapi';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

/** Method + path of every route registered directly on the app that belongs to the API. */
function mountedApiRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack
    .filter((layer) => layer.route && /^\/(api\/v1\/|scim\/v2\/|health$|ready$)/.test(layer.route.path))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${toOpenApiPath(layer.route!.path)}`))
    .sort();
}

test('when the app is built, then every API route has an OpenAPI operation and every operation a route', async () => {
  const res = await t.api('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  const described = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  const mounted = mountedApiRoutes(buildApp(t.deps));
  expect(mounted.length).toBeGreaterThan(10);
  expect(described).toEqual(mounted);
});

test('when an operation is described, then it has a summary, a success response and an error response', async () => {
  const res = await t.api('GET', '/api/openapi.json');
  for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      expect({ at: `${method} ${path}`, summary: typeof op.summary }).toEqual({ at: `${method} ${path}`, summary: 'string' });
      expect(Object.keys(op.responses)).toContain('default');
      expect(Object.keys(op.responses).length).toBe(2);
    }
  }
});

test('when a route takes a body, then the description carries its JSON schema with required fields', async () => {
  const res = await t.api('GET', '/api/openapi.json');
  const login = res.body.paths['/api/v1/auth/login'].post;
  const schema = login.requestBody.content['application/json'].schema;
  expect(schema.required).toEqual(expect.arrayContaining(['email', 'password']));
  expect(schema.additionalProperties).toBe(false);
});
