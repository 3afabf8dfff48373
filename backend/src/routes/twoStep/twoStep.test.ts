/** 2-step verification over HTTP against a real database: enrollment, codes, recovery codes, limits, the org switch. */
import { login, signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { codeAt, enrolledOwner, freshStep, requireTwoStep, verify, wrongCode } from './testSupport';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

let ipCounter = 0;
/** Each test its own client address, so the per-address limit of one test does not reach the next. */
const nextIp = () => `192.0.2.${(ipCounter += 1)}`;

describe('enrollment during sign-in', () => {
  test('when the organization requires 2-step, then sign-in asks to enroll, and the new key signs in with codes from then on', async () => {
    const ip = nextIp();
    const owner = await signUpOrganization(t);
    await requireTwoStep(t, owner, true);

    const signIn = await login(t, owner.email, owner.password);
    expect(signIn.status).toBe(200);
    expect(signIn.body).toEqual({ twoStep: 'enroll', challengeToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresIn: 600 });
    expect(signIn.body.accessToken).toBeUndefined();
    const { challengeToken } = signIn.body;

    const enroll = await t.api('POST', '/api/v1/auth/two-step/enroll', { ip, body: { challengeToken } });
    expect(enroll.status).toBe(200);
    expect(enroll.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(enroll.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(decodeURIComponent(url.pathname)).toBe(`/Sealpost:${owner.email}`);
    expect(url.searchParams.get('issuer')).toBe('Sealpost');
    expect(url.searchParams.get('secret')).toBe(enroll.body.secret);
    expect(enroll.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    const step = await freshStep();
    const wrong = await t.api('POST', '/api/v1/auth/two-step/activate', {
      ip,
      body: { challengeToken, code: wrongCode(await codeAt(enroll.body.secret, step)) },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_two_step_code');

    const activated = await t.api('POST', '/api/v1/auth/two-step/activate', {
      ip,
      body: { challengeToken, code: await codeAt(enroll.body.secret, step - 1) },
    });
    expect(activated.status).toBe(200);
    expect(activated.body.recoveryCodes).toHaveLength(10);
    expect(new Set(activated.body.recoveryCodes).size).toBe(10);
    for (const code of activated.body.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect((await t.api('GET', '/api/v1/me', { token: activated.body.accessToken })).status).toBe(200);

    // The challenge became that session; it does not make a second one.
    const again = await t.api('POST', '/api/v1/auth/two-step/activate', {
      ip,
      body: { challengeToken, code: await codeAt(enroll.body.secret, step) },
    });
    expect(again.body.code).toBe('invalid_challenge');

    const next = await login(t, owner.email, owner.password);
    expect(next.body.twoStep).toBe('verify');
    expect((await t.api('POST', '/api/v1/auth/two-step/enroll', { ip, body: { challengeToken: next.body.challengeToken } })).body.code).toBe(
      'two_step_already_set_up',
    );
    const verified = await verify(t, ip, { challengeToken: next.body.challengeToken, code: await codeAt(enroll.body.secret, step) });
    expect(verified.status).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token: verified.body.accessToken })).status).toBe(200);
  });

  test('when a challenge is given to verify before the person has a key, then it asks to set one up first', async () => {
    const owner = await signUpOrganization(t);
    await requireTwoStep(t, owner, true);
    const { body } = await login(t, owner.email, owner.password);
    const res = await verify(t, nextIp(), { challengeToken: body.challengeToken, code: '123456' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('two_step_not_set_up');
  });
});

describe('codes', () => {
  test('when a code was used, then the same code is refused and the next step’s code works', async () => {
    const ip = nextIp();
    const owner = await enrolledOwner(t, ip);
    const first = await login(t, owner.email, owner.password);
    const code = await codeAt(owner.secret, owner.usedStep + 1);
    expect((await verify(t, ip, { challengeToken: first.body.challengeToken, code })).status).toBe(200);

    const second = await login(t, owner.email, owner.password);
    const reused = await verify(t, ip, { challengeToken: second.body.challengeToken, code });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({
      code: 'invalid_two_step_code',
      detail: 'That code is not right or was already used. Enter the current code from your authenticator app.',
    });
    // An older code (the one that activated enrollment) is refused too.
    const older = await verify(t, ip, { challengeToken: second.body.challengeToken, code: await codeAt(owner.secret, owner.usedStep) });
    expect(older.body.code).toBe('invalid_two_step_code');
    const drifted = await verify(t, ip, {
      challengeToken: second.body.challengeToken,
      code: await codeAt(owner.secret, owner.usedStep + 2),
      delivery: 'cookie',
    });
    expect(drifted.status).toBe(200);
    expect(drifted.body.accessToken).toBeUndefined();
    expect(drifted.headers.getSetCookie().some((c) => c.startsWith('sp_access='))).toBe(true);
  });

  test('when a recovery code is used, then it signs in once and is refused the second time', async () => {
    const ip = nextIp();
    const owner = await enrolledOwner(t, ip);
    const recoveryCode = owner.recoveryCodes[3]!;
    const first = await login(t, owner.email, owner.password);
    // Typed without dashes and in capitals, as people do.
    const used = await verify(t, ip, { challengeToken: first.body.challengeToken, recoveryCode: recoveryCode.replace(/-/g, '').toUpperCase() });
    expect(used.status).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token: used.body.accessToken })).status).toBe(200);

    const second = await login(t, owner.email, owner.password);
    const again = await verify(t, ip, { challengeToken: second.body.challengeToken, recoveryCode });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_two_step_code');
    expect((await verify(t, ip, { challengeToken: second.body.challengeToken, recoveryCode: owner.recoveryCodes[4] })).status).toBe(200);
  });

  test('when both or neither of code and recovery code are sent, then the request is invalid', async () => {
    const challengeToken = 'a'.repeat(43);
    expect((await verify(t, nextIp(), { challengeToken })).body.code).toBe('invalid_request');
    expect((await verify(t, nextIp(), { challengeToken, code: '123456', recoveryCode: 'aaaa-bbbb-cccc-dddd' })).body.code).toBe(
      'invalid_request',
    );
  });

  test('when wrong codes are tried too often, then the account is rate limited and the challenge dies', async () => {
    const ip = nextIp();
    const owner = await enrolledOwner(t, ip);
    const { body } = await login(t, owner.email, owner.password);
    const right = await codeAt(owner.secret, owner.usedStep + 1);
    for (let i = 0; i < 5; i += 1) {
      const res = await verify(t, ip, { challengeToken: body.challengeToken, code: wrongCode(right) });
      expect(res.body.code).toBe('invalid_two_step_code');
    }
    const limited = await verify(t, ip, { challengeToken: body.challengeToken, code: right });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const dead = await verify(t, ip, { challengeToken: body.challengeToken, code: right });
    expect(dead.status).toBe(401);
    expect(dead.body.code).toBe('invalid_challenge');
    // A new sign-in buys no new guesses: the limit belongs to the account.
    const fresh = await login(t, owner.email, owner.password);
    expect((await verify(t, nextIp(), { challengeToken: fresh.body.challengeToken, code: right })).status).toBe(429);
  });

  test('when the challenge has expired, then the right code is refused and the person must sign in again', async () => {
    const ip = nextIp();
    const owner = await enrolledOwner(t, ip);
    const { body } = await login(t, owner.email, owner.password);
    await t.store.db.query(
      "UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'two_step_challenge' AND email = $1",
      [owner.email],
    );
    const res = await verify(t, ip, { challengeToken: body.challengeToken, code: await codeAt(owner.secret, owner.usedStep + 1) });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_challenge', detail: 'Your sign-in took too long. Sign in again.' });
  });
});

describe('the organization switch and voluntary enrollment', () => {
  test('when the switch goes on, then existing members enroll at their next sign-in; when it goes off, then no code is asked', async () => {
    const owner = await signUpOrganization(t);
    expect((await login(t, owner.email, owner.password)).body.accessToken).toEqual(expect.any(String));

    await requireTwoStep(t, owner, true);
    // Sessions already running go on; the switch applies from the next sign-in.
    expect((await t.api('GET', '/api/v1/me', { token: owner.accessToken })).status).toBe(200);
    expect((await login(t, owner.email, owner.password)).body).toMatchObject({ twoStep: 'enroll' });

    await requireTwoStep(t, owner, false);
    const off = await login(t, owner.email, owner.password);
    expect(off.body.twoStep).toBeUndefined();
    expect((await t.api('GET', '/api/v1/me', { token: off.body.accessToken })).status).toBe(200);
  });

  test('when a signed-in person enrolls of their own accord, then their sign-ins ask for a code though the organization does not require it', async () => {
    const ip = nextIp();
    const owner = await signUpOrganization(t);
    const enroll = await t.api('POST', '/api/v1/two-step/enroll', { ip, token: owner.accessToken });
    expect(enroll.status).toBe(200);
    expect(enroll.body.qrSvg).toContain('<svg');
    expect((await t.api('POST', '/api/v1/two-step/enroll', { ip })).status).toBe(401);

    const step = await freshStep();
    const activated = await t.api('POST', '/api/v1/two-step/activate', {
      ip,
      token: owner.accessToken,
      body: { code: await codeAt(enroll.body.secret, step - 1) },
    });
    expect(activated.status).toBe(200);
    expect(activated.body.recoveryCodes).toHaveLength(10);
    expect((await t.api('POST', '/api/v1/two-step/enroll', { ip, token: owner.accessToken })).body.code).toBe('two_step_already_set_up');

    const signIn = await login(t, owner.email, owner.password);
    expect(signIn.body.twoStep).toBe('verify');
    const verified = await verify(t, ip, { challengeToken: signIn.body.challengeToken, code: await codeAt(enroll.body.secret, step) });
    expect(verified.status).toBe(200);
  });

  test('when the API is described, then the sign-in answer shows both the tokens and the challenge shape', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    const schema = res.body.paths['/api/v1/auth/login'].post.responses['200'].content['application/json'].schema;
    const shapes = (schema.anyOf ?? schema.oneOf) as { properties: Record<string, unknown> }[];
    expect(shapes.map((s) => Object.keys(s.properties).sort())).toEqual(
      expect.arrayContaining([expect.arrayContaining(['accessToken', 'sessionId']), ['challengeToken', 'expiresIn', 'twoStep']]),
    );
  });
});
