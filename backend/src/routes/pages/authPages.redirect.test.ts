/** The home address sends a signed-in person on to the page that asked them to sign in, and never off the site. */
import { signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

async function cookieSession(): Promise<string> {
  const owner = await signUpOrganization(t);
  const res = await t.api('POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password, delivery: 'cookie' } });
  return res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

async function home(cookie: string): Promise<Response> {
  return fetch(`${t.url}/`, { headers: { cookie }, redirect: 'manual' });
}

test.each(['/.//evil.example', '//evil.example', '/\\evil.example', '/%2f%2fevil.example', 'https://evil.example/'])(
  'when a planted sp_next cookie says %s, then / goes to the portal',
  async (planted) => {
    const session = await cookieSession();
    const res = await home(`${session}; sp_next=${encodeURIComponent(planted)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/portal');
  },
);

test('when sign-in was asked for by a page of this site, then / returns there', async () => {
  const session = await cookieSession();
  const res = await home(`${session}; sp_next=${encodeURIComponent('/portal/sent')}`);
  expect(res.headers.get('location')).toBe('/portal/sent');
});
