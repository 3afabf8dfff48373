/** The server-rendered sign-in with 2-step verification, driven like a browser without JavaScript: forms and cookies. */
import { signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { codeAt, freshStep, requireTwoStep, wrongCode } from './testSupport';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

/** A browser with JavaScript off: keeps cookies, posts forms, does not follow redirects so the test sees them. */
function browser(ip: string) {
  const jar = new Map<string, string>();
  async function go(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { 'x-forwarded-for': ip, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${t.url}${path}`, { method, headers, redirect: 'manual', ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), cacheControl: res.headers.get('cache-control') };
  }
  return { go, jar };
}

const hiddenValue = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

test('when the organization requires 2-step, then the login page sets it up with a QR code and key, then signs in with a recovery code', async () => {
  const owner = await signUpOrganization(t);
  await requireTwoStep(t, owner, true);
  const b = browser('192.0.2.200');

  const form = await b.go('GET', '/login');
  const signIn = await b.go('POST', '/login', { _form: hiddenValue(form.html, '_form'), email: owner.email, password: owner.password });
  expect(signIn.status).toBe(200);
  expect(signIn.html).toContain('Set up 2-step verification');
  expect(signIn.html).toMatch(/<svg[^>]*>/);
  expect(signIn.cacheControl).toBe('no-store');
  expect(b.jar.has('sp_access')).toBe(false);
  const key = /by hand with this key: <strong>([A-Z2-7 ]+)<\/strong>/.exec(signIn.html)![1]!.replace(/ /g, '');
  const challengeToken = hiddenValue(signIn.html, 'challengeToken');

  // A wrong code shows the same key again, so the app the person just set up still matches.
  const step = await freshStep();
  const wrong = await b.go('POST', '/login/two-step/activate', {
    _form: hiddenValue(signIn.html, '_form'),
    challengeToken,
    code: wrongCode(await codeAt(key, step)),
  });
  expect(wrong.status).toBe(401);
  expect(wrong.html).toContain('That code is not right or was already used.');
  expect(wrong.html).toContain(key.match(/.{1,4}/g)!.join(' '));

  const activated = await b.go('POST', '/login/two-step/activate', {
    _form: hiddenValue(wrong.html, '_form'),
    challengeToken,
    code: await codeAt(key, step),
  });
  expect(activated.status).toBe(200);
  expect(activated.html).toContain('Save your recovery codes');
  const recoveryCodes = [...activated.html.matchAll(/<li><strong>([a-z2-7-]{19})<\/strong><\/li>/g)].map((m) => m[1]!);
  expect(recoveryCodes).toHaveLength(10);
  expect(b.jar.has('sp_access')).toBe(true);
  expect((await b.go('GET', '/')).html).toContain(owner.email);

  // Next time: the page asks for a code, and offers a recovery code instead.
  const later = browser('192.0.2.201');
  const loginForm = await later.go('GET', '/login');
  const asked = await later.go('POST', '/login', { _form: hiddenValue(loginForm.html, '_form'), email: owner.email, password: owner.password });
  expect(asked.html).toContain('Enter your code');
  expect(asked.html).toContain('Use a recovery code instead');
  const done = await later.go('POST', '/login/two-step', {
    _form: hiddenValue(asked.html, '_form'),
    challengeToken: hiddenValue(asked.html, 'challengeToken'),
    recoveryCode: recoveryCodes[0]!,
  });
  expect(done.status).toBe(303);
  expect(done.location).toBe('/');
  expect((await later.go('GET', '/')).html).toContain(owner.email);
});

test('when the code page is sent after the challenge expired, then it says to sign in again', async () => {
  const owner = await signUpOrganization(t);
  await requireTwoStep(t, owner, true);
  const b = browser('192.0.2.202');
  const form = await b.go('GET', '/login');
  const signIn = await b.go('POST', '/login', { _form: hiddenValue(form.html, '_form'), email: owner.email, password: owner.password });
  await t.store.db.query("UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE email = $1", [owner.email]);
  const res = await b.go('POST', '/login/two-step/activate', {
    _form: hiddenValue(signIn.html, '_form'),
    challengeToken: hiddenValue(signIn.html, 'challengeToken'),
    code: '123456',
  });
  expect(res.status).toBe(401);
  expect(res.html).toContain('Your sign-in took too long. Sign in again.');
  expect(res.html).toContain('href="/login"');
});
