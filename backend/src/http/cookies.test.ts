/** Web pages use HttpOnly SameSite cookies, and changes made with them need the CSRF header. */
import { signUpOrganization } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

function cookieJar(res: { headers: Headers }): { header: string; values: Record<string, string>; raw: string[] } {
  const raw = res.headers.getSetCookie();
  const values: Record<string, string> = {};
  for (const line of raw) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    values[name!] = value!;
  }
  return { header: Object.entries(values).map(([k, v]) => `${k}=${v}`).join('; '), values, raw };
}

test('when a page signs in with cookie delivery, then tokens stay out of the body and cookies are HttpOnly and SameSite', async () => {
  const owner = await signUpOrganization(t);
  const res = await t.api('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password, delivery: 'cookie' } });
  expect(res.status).toBe(200);
  expect(res.body.accessToken).toBeUndefined();
  expect(res.body.refreshToken).toBeUndefined();
  const jar = cookieJar(res);
  const access = jar.raw.find((c) => c.startsWith('sp_access='))!;
  expect(access).toMatch(/HttpOnly/);
  expect(access).toMatch(/SameSite=Strict/);
  expect(jar.raw.find((c) => c.startsWith('sp_refresh='))).toMatch(/Path=\/api\/v1\/auth; .*HttpOnly/);
  expect(jar.raw.find((c) => c.startsWith('sp_csrf='))).not.toMatch(/HttpOnly/);
  // Loopback over http: Secure would make the browser drop them; over https PUBLIC_URL they are Secure.
  expect(access).not.toMatch(/Secure/);
});

test('when a cookie session changes something without the CSRF header, then it is refused; with it, it works', async () => {
  const owner = await signUpOrganization(t);
  const res = await t.api('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password, delivery: 'cookie' } });
  const jar = cookieJar(res);
  expect((await t.api('GET', '/api/v1/me', { headers: { cookie: jar.header } })).status).toBe(200);

  const forged = await t.api('POST', '/api/v1/organizations', { headers: { cookie: jar.header }, body: { name: 'Forged' } });
  expect(forged.status).toBe(403);
  expect(forged.body.code).toBe('csrf_failed');
  const wrong = await t.api('POST', '/api/v1/organizations', {
    headers: { cookie: jar.header, 'x-csrf-token': 'x'.repeat(32) },
    body: { name: 'Forged' },
  });
  expect(wrong.body.code).toBe('csrf_failed');
  const me = await t.api('GET', '/api/v1/me', { headers: { cookie: jar.header } });
  expect(me.body.memberships).toHaveLength(1);

  const ok = await t.api('POST', '/api/v1/organizations', {
    headers: { cookie: jar.header, 'x-csrf-token': jar.values.sp_csrf! },
    body: { name: 'Allowed' },
  });
  expect(ok.status).toBe(201);
});

test('when a cookie session refreshes, then the refresh cookie rotates and needs the CSRF header', async () => {
  const owner = await signUpOrganization(t);
  const jar = cookieJar(await t.api('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password, delivery: 'cookie' } }));
  expect((await t.api('POST', '/api/v1/auth/refresh', { headers: { cookie: jar.header }, body: {} })).body.code).toBe('csrf_failed');
  const refreshed = await t.api('POST', '/api/v1/auth/refresh', {
    headers: { cookie: jar.header, 'x-csrf-token': jar.values.sp_csrf! },
    body: {},
  });
  expect(refreshed.status).toBe(200);
  expect(cookieJar(refreshed).values.sp_refresh).not.toBe(jar.values.sp_refresh);
});

test('when a cookie session signs out, then its cookies are cleared', async () => {
  const owner = await signUpOrganization(t);
  const jar = cookieJar(await t.api('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password, delivery: 'cookie' } }));
  const out = await t.api('POST', '/api/v1/auth/logout', { headers: { cookie: jar.header, 'x-csrf-token': jar.values.sp_csrf! } });
  expect(out.status).toBe(204);
  expect(cookieJar(out).raw.find((c) => c.startsWith('sp_access='))).toMatch(/Expires=Thu, 01 Jan 1970/);
  expect((await t.api('GET', '/api/v1/me', { headers: { cookie: jar.header } })).body.code).toBe('session_revoked');
});
