/**
 * The CSRF token is bound to the session: a value planted in the sp_csrf cookie and echoed in the header is refused
 * on every cookie-authenticated route of the route list, and on https the cookies carry __Host- names and Secure.
 */
import { randomUUID } from 'node:crypto';
import { apiRoutes } from '../routes';
import { signUpOrganization } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const SAFE = new Set(['get', 'head']);

/** Signs in with cookie delivery; answers the cookies as a Cookie header and by name. */
async function cookieSession(server: TestServer) {
  const owner = await signUpOrganization(server);
  const res = await server.api('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password, delivery: 'cookie' } });
  const values: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    values[pair!.slice(0, at)] = pair!.slice(at + 1);
  }
  return { values, raw: res.headers.getSetCookie(), owner };
}

test('when a planted CSRF cookie and the same header come with session cookies, then every cookie-authenticated change is refused', async () => {
  const { values } = await cookieSession(t);
  const planted = 'p'.repeat(43);
  const cookie = `sp_access=${values.sp_access}; sp_refresh=${values.sp_refresh}; sp_csrf=${planted}`;
  const routes = apiRoutes.filter((route) => route.auth === 'session' && !SAFE.has(route.method));
  expect(routes.length).toBeGreaterThan(20);
  const accepted: string[] = [];
  for (const route of routes) {
    const path = route.path.replace(/:\w+/g, randomUUID());
    const res = await t.api(route.method.toUpperCase(), path, { headers: { cookie, 'x-csrf-token': planted }, body: {} });
    // Until authentication runs before validation, a body the route cannot read is refused before the CSRF check.
    const refusedForCsrf = res.status === 403 && res.body?.code === 'csrf_failed';
    const refusedBeforeAuth = res.status === 400 && ['invalid_request', 'unsupported_media_type'].includes(res.body?.code);
    if (!refusedForCsrf && !refusedBeforeAuth) accepted.push(`${route.method.toUpperCase()} ${route.path} → ${res.status} ${res.body?.code ?? ''}`);
  }
  expect(accepted).toEqual([]);

  const refresh = await t.api('POST', '/api/v1/auth/refresh', { headers: { cookie, 'x-csrf-token': planted }, body: {} });
  expect([refresh.status, refresh.body.code]).toEqual([403, 'csrf_failed']);
  // The session was not touched: its own token still works.
  const me = await t.api('POST', '/api/v1/auth/refresh', {
    headers: { cookie: `sp_refresh=${values.sp_refresh}; sp_csrf=${values.sp_csrf}`, 'x-csrf-token': values.sp_csrf! },
    body: {},
  });
  expect(me.status).toBe(200);
});

test("when one session's CSRF token is sent with another session's cookies, then it is refused", async () => {
  const victim = await cookieSession(t);
  const attacker = await cookieSession(t);
  const res = await t.api('POST', '/api/v1/organizations', {
    headers: { cookie: `sp_access=${victim.values.sp_access}; sp_csrf=${attacker.values.sp_csrf}`, 'x-csrf-token': attacker.values.sp_csrf! },
    body: { name: 'Forged' },
  });
  expect([res.status, res.body.code]).toEqual([403, 'csrf_failed']);
  const own = await t.api('POST', '/api/v1/organizations', {
    headers: { cookie: `sp_access=${victim.values.sp_access}`, 'x-csrf-token': victim.values.sp_csrf! },
    body: { name: 'Allowed' },
  });
  expect(own.status).toBe(201);
});

test('when the site is served over https, then every cookie is Secure and the session and form cookies are __Host- prefixed', async () => {
  const secure = await startTestServer({ env: { PUBLIC_URL: 'https://sealpost.example', EMBEDDED_ALLOW_PUBLIC: 'true' } });
  try {
    const { raw, values } = await cookieSession(secure);
    const names = raw.map((line) => line.split('=')[0]);
    expect(names).toEqual(expect.arrayContaining(['__Host-sp_access', '__Secure-sp_refresh', '__Host-sp_csrf']));
    for (const line of raw) expect(line).toMatch(/;\s*Secure/i);
    // The prefixed cookies are the ones read; unprefixed ones (which anyone on a sibling host could plant) are not.
    const csrf = values['__Host-sp_csrf']!;
    expect((await secure.api('GET', '/api/v1/me', { headers: { cookie: `__Host-sp_access=${values['__Host-sp_access']}` } })).status).toBe(200);
    expect((await secure.api('GET', '/api/v1/me', { headers: { cookie: `sp_access=${values['__Host-sp_access']}` } })).status).toBe(401);
    const refreshed = await secure.api('POST', '/api/v1/auth/refresh', {
      headers: { cookie: `__Secure-sp_refresh=${values['__Secure-sp_refresh']}`, 'x-csrf-token': csrf },
      body: {},
    });
    expect(refreshed.status).toBe(200);
    const form = await fetch(`${secure.url}/login?next=/portal`);
    const pageCookies = form.headers.getSetCookie();
    expect(pageCookies.map((line) => line.split('=')[0]).sort()).toEqual(['__Host-sp_form', '__Host-sp_next']);
    for (const line of pageCookies) {
      expect(line).toMatch(/;\s*Secure/i);
      expect(line).toMatch(/;\s*Path=\//);
      expect(line).not.toMatch(/Domain=/i);
    }
  } finally {
    await secure.stop();
  }
});
