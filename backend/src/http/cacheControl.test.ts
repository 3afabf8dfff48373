/**
 * Tokens and personal data must never sit in a browser or proxy cache: every route of the route list answers
 * `no-store`, whatever the outcome, and so do the account pages.
 */
import { randomUUID } from 'node:crypto';
import { apiRoutes } from '../routes';
import { login, signUpOrganization, type SignedUp } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';

let t: TestServer;
let owner: SignedUp;
beforeAll(async () => {
  t = await startTestServer();
  owner = await signUpOrganization(t);
});
afterAll(async () => {
  await t.stop();
});

const isNoStore = (headers: Headers) => /(^|,\s*)no-store\b/.test(headers.get('cache-control') ?? '');

test('when any route of the route list answers a signed-in caller, then the answer is no-store', async () => {
  const fresh = await signUpOrganization(t);
  const cacheable: string[] = [];
  for (const route of apiRoutes) {
    // Sign-out would end the session the other routes use.
    const token = route.path === '/api/v1/auth/logout' ? fresh.accessToken : owner.accessToken;
    const path = route.path.replace(/:\w+/g, randomUUID());
    const res = await t.api(route.method.toUpperCase(), path, { token, body: route.method === 'get' || route.method === 'head' ? undefined : {} });
    if (!isNoStore(res.headers)) cacheable.push(`${route.method.toUpperCase()} ${route.path} → ${res.status} ${res.headers.get('cache-control')}`);
  }
  expect(cacheable).toEqual([]);
});

test('when tokens, the account or a list are answered with 200, then each answer is no-store', async () => {
  const signedIn = await login(t, owner.email, owner.password);
  expect(signedIn.status).toBe(200);
  expect(isNoStore(signedIn.headers)).toBe(true);
  const refreshed = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: signedIn.body.refreshToken } });
  expect(refreshed.status).toBe(200);
  expect(isNoStore(refreshed.headers)).toBe(true);
  for (const path of ['/api/v1/me', '/api/v1/auth/sessions', '/api/v1/members']) {
    const res = await t.api('GET', path, { token: refreshed.body.accessToken });
    expect([path, res.status]).toEqual([path, 200]);
    expect([path, isNoStore(res.headers)]).toEqual([path, true]);
  }
});

test('when an account page is shown, then it is no-store (it names the person or carries a form token)', async () => {
  for (const path of ['/login', '/signup', '/forgot-password']) {
    const res = await fetch(`${t.url}${path}`);
    expect([path, isNoStore(res.headers)]).toEqual([path, true]);
  }
});
