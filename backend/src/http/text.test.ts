/**
 * Text that cannot be stored (NUL, lone UTF-16 halves) and broken %-escapes are refused at the boundary, for every
 * route of the route list and every input it declares: 400 with a stable code, nothing changed, never a 500.
 */
import net from 'node:net';
import { z } from 'zod';
import { apiRoutes } from '../routes';
import { signUpOrganization, type SignedUp } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';
import { cleanDisplayText, displayText, findUnencodableText, noteText } from './text';

let t: TestServer;
let owner: SignedUp;
/** The /scim/v2 routes take an organization API token, never a session. */
let scimToken: string;
beforeAll(async () => {
  t = await startTestServer();
  owner = await signUpOrganization(t);
  scimToken = (await t.api('POST', '/api/v1/organization/api-tokens', { token: owner.accessToken, body: { name: 'Text checks', scopes: ['scim'] } })).body.token;
});
afterAll(async () => {
  await t.stop();
});

const TABLES = ['accounts', 'organizations', 'memberships', 'invitations', 'sessions', 'one_time_tokens', 'outbox', 'audit_events', 'messages', 'files'];
async function snapshot(): Promise<string> {
  const counts: string[] = [];
  for (const table of TABLES) {
    const [row] = await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts.push(`${table}=${row!.n}`);
  }
  return counts.join(' ');
}

/** The names of the fields a schema declares at its top level (from the same JSON Schema the docs show). */
function fieldsOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; allOf?: { properties?: Record<string, unknown> }[]; anyOf?: { properties?: Record<string, unknown> }[] };
  const parts = [json, ...(json.allOf ?? []), ...(json.anyOf ?? [])];
  return [...new Set(parts.flatMap((part) => Object.keys(part.properties ?? {})))];
}

const UUID = '00000000-0000-4000-8000-000000000000';
const call = (route: (typeof apiRoutes)[number], path: string, body?: string) =>
  t.api(route.method.toUpperCase(), path, {
    body,
    token: route.auth === 'session' ? owner.accessToken : route.auth === 'scim' ? scimToken : undefined,
    ip: `192.0.2.${Math.floor(Math.random() * 250)}`,
  });
const withParams = (path: string, value: string) => path.replace(/:(\w+)/g, value);

const bodyRoutes = apiRoutes.filter((r) => r.body && !r.rawBody).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const);
const queryRoutes = apiRoutes.filter((r) => r.query).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const);
const paramRoutes = apiRoutes.filter((r) => r.path.includes(':')).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const);

test('the route list has routes of every kind to test', () => {
  expect(bodyRoutes.length).toBeGreaterThan(20);
  expect(queryRoutes.length).toBeGreaterThan(5);
  expect(paramRoutes.length).toBeGreaterThan(15);
});

describe.each(bodyRoutes)('%s', (_name, route) => {
  test.each([
    ['a NUL byte', '"x\\u0000y"'],
    ['a lone high surrogate', '"x\\ud800"'],
    ['a lone low surrogate', '"\\udc00x"'],
  ])('when every body field holds %s, then it answers 400 invalid_text and changes nothing', async (_what, hostile) => {
    const fields = fieldsOf(route.body);
    const body = `{${(fields.length ? fields : ['name']).map((f) => `${JSON.stringify(f)}:${hostile}`).join(',')}}`;
    const before = await snapshot();
    const res = await call(route, withParams(route.path, UUID), body);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_text']);
    expect(res.body.detail).toMatch(/cannot be stored/);
    expect(await snapshot()).toBe(before);
  });
});

describe.each(queryRoutes)('%s', (_name, route) => {
  test('when every query field holds a NUL byte, then it answers 400 invalid_text', async () => {
    const query = fieldsOf(route.query).map((f) => `${encodeURIComponent(f)}=a%00b`).join('&');
    const res = await call(route, `${withParams(route.path, UUID)}?${query}`);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_text']);
  });
});

describe.each(paramRoutes)('%s', (_name, route) => {
  test.each([
    ['a broken %-escape', '%ZZ', 'malformed_path'],
    ['a truncated %-escape', 'abc%E', 'malformed_path'],
    ['a %-escaped lone surrogate', '%ED%A0%80', 'malformed_path'],
    ['a NUL byte', 'a%00b', 'invalid_text'],
  ])('when a path parameter holds %s, then it answers 400 with a stable code', async (_what, value, code) => {
    const before = await snapshot();
    const res = await call(route, withParams(route.path, value), route.body ? '{}' : undefined);
    expect(res.status).toBe(400);
    if (route.method !== 'head') expect(res.body.code).toBe(code);
    expect(await snapshot()).toBe(before);
  });
});

test('when a NUL hides deep in a nested field or in a key, then its path is named', () => {
  expect(findUnencodableText({ to: [{ email: 'a@b.c' }, { email: 'a\u0000@b.c' }] })).toBe('to.1.email');
  expect(findUnencodableText({ ['k\ud800']: 1 })).toBe('(a field name)');
  expect(findUnencodableText({ to: [{ email: '😀 a@b.c' }] })).toBeNull();
  let deep: unknown = 'x\u0000';
  for (let i = 0; i < 100_000; i += 1) deep = [deep];
  expect(findUnencodableText(deep)).toMatch(/^0(\.0)+$/);
});

test('when a name carries bidi overrides or format characters, then they are taken out; controls are refused', () => {
  expect(cleanDisplayText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  expect(cleanDisplayText(' Dana\u200B \u2066Reyes\u2069\u00AD\tMD ')).toBe('Dana Reyes MD');
  for (const control of ['\n', '\r', '\u0007', '\u001b', '\u0085', '\u2028', '\u2029']) {
    expect(displayText(50).safeParse(`Dana${control}Reyes`).success).toBe(false);
  }
  expect(cleanDisplayText('\uFEFFe\u0301cole \u{E0041}')).toBe('\u00E9cole');
  // joiners stay: emoji sequences and several scripts need them
  expect(cleanDisplayText('👩\u200D⚕️ می\u200Cخواهم')).toBe('👩\u200D⚕️ می\u200Cخواهم');
  expect(displayText(5).min(1).safeParse('\u202E\u202E\u202E').success).toBe(false);
  expect(displayText(5).safeParse('ab\u202Ecd').data).toBe('abcd');
});

test('when a page form or query holds a NUL byte, then it answers 400 invalid_text', async () => {
  const form = await fetch(`${t.url}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'organizationName=a%00b&name=x&email=a%40b.example&password=long+enough+secret',
  });
  expect([form.status, (await form.json()).code]).toEqual([400, 'invalid_text']);
  const page = await fetch(`${t.url}/login?next=%00`);
  expect(page.status).toBe(400);
});

test('when a header the routes read holds a NUL byte, then the HTTP parser refuses it with 400 and the server keeps serving', async () => {
  const { port } = new URL(t.url);
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  expect(raw).toMatch(/^HTTP\/1\.1 400/);
  expect((await t.api('GET', '/health')).status).toBe(200);
});

test('when a note carries lines, bidi overrides or control characters, then lines stay, overrides go and controls are refused', () => {
  expect(noteText(100).parse(' Sent to the\r\nwrong \u202Epatient\u200B ')).toBe('Sent to the\r\nwrong patient');
  expect(noteText(100).safeParse('beep\u0007').success).toBe(false);
  expect(noteText(100).safeParse('esc\u001b[2J').success).toBe(false);
});
