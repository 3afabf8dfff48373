/**
 * Every API route that takes a body is hit with malformed, wrong-type, oversized, unknown-field and wrongly-typed
 * input: each answers 4xx with a stable code, never 5xx, and nothing in the database changes.
 */
import { apiRoutes } from '../routes';
import { signUpOrganization, type SignedUp } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
let owner: SignedUp;
/** The /scim/v2 routes take an organization API token, never a session, and answer errors in SCIM's shape. */
let scimToken: string;
beforeAll(async () => {
  t = await startTestServer({ env: { JSON_BODY_LIMIT_KB: '16' } });
  owner = await signUpOrganization(t);
  scimToken = (await t.api('POST', '/api/v1/organization/api-tokens', { token: owner.accessToken, body: { name: 'Bad input', scopes: ['scim'] } })).body.token;
});
afterAll(async () => {
  await t.stop();
});

const TABLES = ['accounts', 'organizations', 'memberships', 'sessions', 'refresh_tokens', 'one_time_tokens', 'outbox', 'audit_events'];

async function snapshot(): Promise<string> {
  const counts: string[] = [];
  for (const table of TABLES) {
    const [row] = await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts.push(`${table}=${row!.n}`);
  }
  const [passwords] = await t.store.db.query<{ h: string }>("SELECT string_agg(password_hash, ',' ORDER BY id) AS h FROM accounts");
  return `${counts.join(' ')} ${passwords!.h}`;
}

const bodyRoutes = apiRoutes.filter((r) => r.body);
const hostile: [string, (route: (typeof bodyRoutes)[number]) => { body: string; headers?: Record<string, string> }, number[], string[]][] = [
  ['malformed JSON', () => ({ body: '{"email": "a@b.c", ' }), [400], ['malformed_json']],
  ['a JSON array', () => ({ body: '[1,2,3]' }), [400], ['invalid_request', 'malformed_json']],
  ['a bare string', () => ({ body: '"hello"' }), [400], ['invalid_request', 'malformed_json']],
  ['wrong types', () => ({ body: JSON.stringify({ email: 42, password: true, token: [], name: {}, organizationName: null, organizationId: 7, refreshToken: 9, delivery: 'smoke' }) }), [400], ['invalid_request']],
  ['unknown fields', () => ({ body: JSON.stringify({ unexpected: 'field', isAdmin: true }) }), [400], ['invalid_request']],
  ['an oversized body', () => ({ body: JSON.stringify({ email: 'x'.repeat(40_000) }) }), [413], ['body_too_large']],
  ['a text/plain body', () => ({ body: 'email=a@b.c', headers: { 'content-type': 'text/plain' } }), [415], ['unsupported_media_type']],
  ['a compressed body that does not decompress', () => ({ body: 'not gzip at all', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }), [415], ['unsupported_media_type']],
  ['a deflated body', () => ({ body: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' } }), [415], ['unsupported_media_type']],
  ['a prototype-pollution attempt', () => ({ body: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}' }), [400], ['invalid_request']],
];

describe.each(bodyRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_name, route) => {
  test.each(hostile)('when sent %s, then it answers 4xx with a stable code and changes nothing', async (_what, make, statuses, codes) => {
    const before = await snapshot();
    const { body, headers } = make(route);
    const path = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
    const res = await t.api(route.method.toUpperCase(), path, {
      body,
      headers,
      token: route.auth === 'session' ? owner.accessToken : route.auth === 'scim' ? scimToken : undefined,
      ip: `192.0.2.${Math.floor(Math.random() * 250)}`,
    });
    expect(statuses).toContain(res.status);
    expect(codes).toContain(res.body.code);
    expect(res.headers.get('content-type')).toMatch(route.auth === 'scim' ? /application\/scim\+json/ : /application\/problem\+json/);
    expect(typeof res.body.detail).toBe('string');
    expect(await snapshot()).toBe(before);
  });
});

test('when an unknown address is asked for, then it is a 404 problem, not an HTML error page', async () => {
  const res = await t.api('GET', '/api/v1/nothing-here');
  expect(res.status).toBe(404);
  expect(res.body.code).toBe('not_found');
});

test('when a path parameter is not a uuid, then it is a 400 with the field named', async () => {
  const res = await t.api('DELETE', '/api/v1/auth/sessions/not-a-uuid', { token: owner.accessToken });
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('invalid_request');
  expect(res.body.detail).toContain('sessionId');
});
