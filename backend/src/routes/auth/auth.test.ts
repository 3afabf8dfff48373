/** Sign-up, sign-in, refresh rotation, reuse detection, sign-out and sessions, over HTTP against a real database. */
import { login, signUpOrganization } from '../../testing/accounts';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe('sign-up', () => {
  test('when someone signs up and uses the emailed link, then they are the admin pro of a new organization', async () => {
    const owner = await signUpOrganization(t, { organizationName: 'Northside Accounting', name: 'Priya Shah' });
    const me = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.organization.name).toBe('Northside Accounting');
    expect(me.body.account.name).toBe('Priya Shah');
    expect(me.body.membership).toMatchObject({ type: 'pro', roles: ['admin', 'user_manager'], status: 'active' });
  });

  test('when the sign-up link is used twice, then the second time is refused and no second organization exists', async () => {
    const email = `twice-${Date.now()}@clinic.example`;
    await t.api('POST', '/api/v1/signup', { body: { organizationName: 'A', name: 'A', email, password: 'a long enough pass' } });
    const [mail] = await t.mailTo(email);
    const token = tokenOf(linkIn(mail!, '/signup/confirm'));
    expect((await t.api('POST', '/api/v1/signup/confirm', { body: { token } })).status).toBe(201);
    const again = await t.api('POST', '/api/v1/signup/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('invalid_link');
  });

  test('when the email already has an account, then the answer is the same and the owner gets a note instead', async () => {
    const owner = await signUpOrganization(t);
    const fresh = await t.api('POST', '/api/v1/signup', {
      body: { organizationName: 'X', name: 'X', email: `new-${Date.now()}@clinic.example`, password: 'another good password' },
    });
    const taken = await t.api('POST', '/api/v1/signup', {
      body: { organizationName: 'X', name: 'X', email: owner.email.toUpperCase(), password: 'another good password' },
    });
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    const mails = await t.mailTo(owner.email);
    expect(mails[0]!.subject).toMatch(/tried to sign up/i);
    expect(mails[0]!.text).not.toMatch(/signup\/confirm/);
  });

  test('when the password is one of the most common ones, then sign-up is refused with weak_password', async () => {
    const res = await t.api('POST', '/api/v1/signup', {
      body: { organizationName: 'X', name: 'X', email: 'weak@clinic.example', password: 'password1' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('weak_password');
    expect(await t.mailTo('weak@clinic.example')).toHaveLength(0);
  });
});

describe('sessions', () => {
  test('when a refresh token is used, then it rotates; when a spent one is presented again, then the whole family is revoked', async () => {
    const owner = await signUpOrganization(t);
    const signedIn = await login(t, owner.email, owner.password);
    expect(signedIn.status).toBe(200);
    const first = signedIn.body;

    const rotated = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.body.sessionId).toBe(first.sessionId);
    expect((await t.api('GET', '/api/v1/me', { token: rotated.body.accessToken })).status).toBe(200);

    const replay = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('refresh_token_reused');

    // The legitimate holder's newer tokens die with the family.
    const afterReplay = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } });
    expect(afterReplay.status).toBe(401);
    const me = await t.api('GET', '/api/v1/me', { token: rotated.body.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('session_revoked');
    // Other sessions of the same person are untouched.
    expect((await t.api('GET', '/api/v1/me', { token: owner.accessToken })).status).toBe(200);
  });

  test('when someone signs out, then the access token and refresh token of that session stop working', async () => {
    const owner = await signUpOrganization(t);
    const { body: s } = await login(t, owner.email, owner.password);
    expect((await t.api('POST', '/api/v1/auth/logout', { token: s.accessToken })).status).toBe(204);
    expect((await t.api('GET', '/api/v1/me', { token: s.accessToken })).body.code).toBe('session_revoked');
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).body.code).toBe(
      'invalid_refresh_token',
    );
  });

  test('when a person lists sessions and revokes another one, then only that one ends', async () => {
    const owner = await signUpOrganization(t);
    const { body: laptop } = await login(t, owner.email, owner.password);
    const list = await t.api('GET', '/api/v1/auth/sessions', { token: owner.accessToken });
    expect(list.body.sessions.map((s: { id: string }) => s.id).sort()).toEqual([owner.sessionId, laptop.sessionId].sort());
    expect(list.body.sessions.find((s: { current: boolean }) => s.current).id).toBe(owner.sessionId);

    expect((await t.api('DELETE', `/api/v1/auth/sessions/${laptop.sessionId}`, { token: owner.accessToken })).status).toBe(204);
    expect((await t.api('GET', '/api/v1/me', { token: laptop.accessToken })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: owner.accessToken })).status).toBe(200);
  });

  test("when a person tries to revoke someone else's session, then it is not found and stays live", async () => {
    const a = await signUpOrganization(t);
    const b = await signUpOrganization(t);
    const res = await t.api('DELETE', `/api/v1/auth/sessions/${b.sessionId}`, { token: a.accessToken });
    expect(res.status).toBe(404);
    expect((await t.api('GET', '/api/v1/me', { token: b.accessToken })).status).toBe(200);
  });

  test('when the password is wrong or the email unknown, then both answers are the same', async () => {
    const owner = await signUpOrganization(t);
    const wrong = await login(t, owner.email, 'not the password at all');
    const unknown = await login(t, `nobody-${Date.now()}@clinic.example`, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });
  // Guessing limits: see signInThrottle.test.ts (a lock-out that anyone could trigger is no longer a limit).
});

describe('organizations', () => {
  test('when a person switches organization, then new tokens name it and the old ones stop working', async () => {
    const owner = await signUpOrganization(t, { organizationName: 'First Practice' });
    const created = await t.api('POST', '/api/v1/organizations', { token: owner.accessToken, body: { name: 'Second Practice' } });
    expect(created.status).toBe(201);
    const switched = await t.api('POST', '/api/v1/auth/switch-organization', {
      token: owner.accessToken,
      body: { organizationId: created.body.id },
    });
    expect(switched.status).toBe(200);
    const me = await t.api('GET', '/api/v1/me', { token: switched.body.accessToken });
    expect(me.body.organization.name).toBe('Second Practice');
    expect(me.body.memberships.map((m: { organizationName: string }) => m.organizationName).sort()).toEqual([
      'First Practice',
      'Second Practice',
    ]);
    expect((await t.api('GET', '/api/v1/me', { token: owner.accessToken })).body.code).toBe('session_revoked');
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).body.code).toBe(
      'invalid_refresh_token',
    );
    // Sign-in can pick the organization.
    const picked = await login(t, owner.email, owner.password, { organizationId: created.body.id });
    expect(picked.body.organizationId).toBe(created.body.id);
  });

  test('when a person switches to an organization they do not belong to, then it is refused', async () => {
    const a = await signUpOrganization(t);
    const b = await signUpOrganization(t);
    const res = await t.api('POST', '/api/v1/auth/switch-organization', {
      token: a.accessToken,
      body: { organizationId: b.organizationId },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('not_a_member');
  });
});
