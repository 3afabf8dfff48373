/** Removal, blocking, password reset and token forgery, over HTTP against a real database and real SMTP. */
import jwt from 'jsonwebtoken';
import { AUDIENCE, ISSUER } from '../../auth/tokens';
import { login, signUpOrganization } from '../../testing/accounts';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe('removal and blocking', () => {
  test('when a membership is removed, then the next request is refused and sign-in says access was revoked', async () => {
    const owner = await signUpOrganization(t, { organizationName: 'Bayview Family Law' });
    const me = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
    await t.store.memberships.setStatus(owner.organizationId, me.body.account.id, 'removed');

    const next = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
    expect(next.status).toBe(403);
    expect(next.body.code).toBe('access_revoked');

    const again = await login(t, owner.email, owner.password);
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ code: 'access_revoked', detail: 'Your access to Bayview Family Law has been revoked.' });
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).body.code).toBe(
      'access_revoked',
    );
  });

  test('when a removed member gives a wrong password, then nothing about the removal is revealed', async () => {
    const owner = await signUpOrganization(t);
    const me = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
    await t.store.memberships.setStatus(owner.organizationId, me.body.account.id, 'removed');
    expect((await login(t, owner.email, 'wrong wrong wrong')).body.code).toBe('invalid_credentials');
  });

  test('when an account is blocked, then requests and sign-in answer account_blocked', async () => {
    const owner = await signUpOrganization(t);
    const me = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
    await t.store.accounts.setBlocked(me.body.account.id, true);
    expect((await t.api('GET', '/api/v1/me', { token: owner.accessToken })).body.code).toBe('account_blocked');
    expect((await login(t, owner.email, owner.password)).body.code).toBe('account_blocked');
  });
});

describe('password reset', () => {
  test('when a reset link arrives by SMTP, then it works once, sets the password and signs out every session', async () => {
    const owner = await signUpOrganization(t, { name: 'Sam Okafor' });
    const requested = await t.api('POST', '/api/v1/auth/password-reset', { body: { email: owner.email } });
    expect(requested.status).toBe(202);
    const [mail] = await t.mailTo(owner.email);
    expect(mail!.subject).toMatch(/reset/i);
    expect(mail!.html).toContain('Sam Okafor');
    const link = linkIn(mail!, '/reset-password');

    const pageRes = await fetch(link);
    expect(pageRes.status).toBe(200);
    const pageHtml = await pageRes.text();
    expect(pageHtml).toContain('Choose a new password');

    // Submit the form as a browser would: the form token comes from the page and its cookie.
    const formCookie = pageRes.headers.get('set-cookie')!.split(';')[0]!;
    const formToken = /name="_form" value="([^"]+)"/.exec(pageHtml)![1]!;
    const submit = (password: string) =>
      fetch(`${t.url}/reset-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
        body: new URLSearchParams({ _form: formToken, token: tokenOf(link), password }).toString(),
      });
    const weak = await submit('short');
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('at least 8 characters');
    const done = await submit('a brand new passphrase');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Password changed');

    expect((await t.api('GET', '/api/v1/me', { token: owner.accessToken })).status).toBe(401);
    expect((await login(t, owner.email, owner.password)).status).toBe(401);
    expect((await login(t, owner.email, 'a brand new passphrase')).status).toBe(200);

    const reused = await submit('yet another passphrase');
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('expired or was already used');
    expect((await fetch(link)).status).toBe(410);
  });

  test('when the API confirms a reset, then the link cannot be used a second time', async () => {
    const owner = await signUpOrganization(t);
    await t.api('POST', '/api/v1/auth/password-reset', { body: { email: owner.email } });
    const token = tokenOf(linkIn((await t.mailTo(owner.email))[0]!, '/reset-password'));
    const first = await t.api('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'fresh passphrase one' } });
    expect(first.status).toBe(204);
    const second = await t.api('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'fresh passphrase two' } });
    expect(second.status).toBe(400);
    expect(second.body.code).toBe('invalid_link');
  });

  test('when a reset is asked for an unknown email, then the answer is the same and the mail carries no reset link', async () => {
    const owner = await signUpOrganization(t);
    const known = await t.api('POST', '/api/v1/auth/password-reset', { body: { email: owner.email } });
    const unknown = await t.api('POST', '/api/v1/auth/password-reset', { body: { email: 'ghost@clinic.example' } });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body.message.replace('ghost@clinic.example', owner.email)).toBe(known.body.message);
    // The same work either way (see sameWork.test.ts): the address gets a note saying there is nothing to reset.
    const [note] = await t.mailTo('ghost@clinic.example');
    expect(note!.text).not.toMatch(/reset-password/);
  });

  test('when a second reset is requested, then the first link stops working', async () => {
    const owner = await signUpOrganization(t);
    await t.api('POST', '/api/v1/auth/password-reset', { body: { email: owner.email } });
    const firstToken = tokenOf(linkIn((await t.mailTo(owner.email))[0]!, '/reset-password'));
    await t.api('POST', '/api/v1/auth/password-reset', { body: { email: owner.email } });
    const res = await t.api('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: firstToken, password: 'fresh passphrase one' },
    });
    expect(res.body.code).toBe('invalid_link');
  });
});

describe('forged and stale access tokens', () => {
  let owner: Awaited<ReturnType<typeof signUpOrganization>>;
  let claims: { sub: string; sid: string; org: string };
  beforeAll(async () => {
    owner = await signUpOrganization(t);
    const decoded = jwt.decode(owner.accessToken) as { sub: string; sid: string; org: string };
    claims = { sub: decoded.sub, sid: decoded.sid, org: decoded.org };
  });
  const secret = () => t.deps.secrets.jwtSecret;
  const expectRejected = async (token: string) => {
    const res = await t.api('GET', '/api/v1/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
  };

  test('when the token is genuine, then it is accepted (the cases below differ only in their flaw)', async () => {
    const token = jwt.sign({ ...claims, typ: 'access' }, secret(), { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60 });
    expect((await t.api('GET', '/api/v1/me', { token })).status).toBe(200);
  });
  test('when the signature is tampered with, then it is rejected', async () => {
    const [h, p, s] = owner.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.org = '00000000-0000-4000-8000-000000000000';
    await expectRejected(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`);
  });
  test('when the algorithm is none, then it is rejected', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...claims, typ: 'access', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    await expectRejected(`${header}.${payload}.`);
  });
  test('when the token has expired, then it is rejected', async () => {
    await expectRejected(jwt.sign({ ...claims, typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 }, secret(), { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE }));
  });
  test('when audience, issuer, type or key is wrong, then it is rejected', async () => {
    await expectRejected(jwt.sign({ ...claims, typ: 'access' }, secret(), { algorithm: 'HS256', issuer: ISSUER, audience: 'other', expiresIn: 60 }));
    await expectRejected(jwt.sign({ ...claims, typ: 'access' }, secret(), { algorithm: 'HS256', issuer: 'other', audience: AUDIENCE, expiresIn: 60 }));
    await expectRejected(jwt.sign({ ...claims, typ: 'refresh' }, secret(), { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60 }));
    await expectRejected(jwt.sign({ ...claims, typ: 'access' }, Buffer.alloc(48, 7), { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60 }));
    await expectRejected(jwt.sign({ ...claims, typ: 'access' }, secret(), { algorithm: 'HS512', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60 }));
  });
  test('when the Authorization header is not a bearer token, then it is rejected', async () => {
    const res = await t.api('GET', '/api/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.body.code).toBe('invalid_token');
    expect((await t.api('GET', '/api/v1/me')).body.code).toBe('unauthenticated');
  });
});

describe('sign-up page', () => {
  test('when the page form carries a bidi override in the names, then the organization is created without it, as through the API', async () => {
    const email = `page-signup-${Date.now()}@clinic.example`;
    const pageRes = await fetch(`${t.url}/signup`);
    const formCookie = pageRes.headers.get('set-cookie')!.split(';')[0]!;
    const formToken = /name="_form" value="([^"]+)"/.exec(await pageRes.text())![1]!;
    const sent = await fetch(`${t.url}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
      body: new URLSearchParams({ _form: formToken, organizationName: 'Harbor\u202E cinilC', name: 'Dana\u200B Reyes', email, password: 'correct horse battery staple' }).toString(),
    });
    expect(sent.status).toBe(200);
    const token = tokenOf(linkIn((await t.mailTo(email))[0]!, '/signup/confirm'));
    const confirmed = await t.api('POST', '/api/v1/signup/confirm', { body: { token } });
    expect(confirmed.status).toBe(201);
    const me = await t.api('GET', '/api/v1/me', { token: confirmed.body.accessToken });
    expect([me.body.organization.name, me.body.account.name]).toEqual(['Harbor cinilC', 'Dana Reyes']);
  });
});
