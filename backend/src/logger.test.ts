/** Logs never hold passwords, tokens or links: a whole sign-up, sign-in and reset is run and the log is searched. */
import { Writable } from 'node:stream';
import { buildApp } from './app';
import { createLogger } from './logger';
import { signUpOrganization } from './testing/accounts';
import { startTestServer, tokenOf, linkIn, type TestServer } from './testing/testServer';

test('when a logger is given secrets under known names, then they are redacted', () => {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) as never);
  logger.info({ password: 'hunter2hunter2', body: { token: 'tok-123' }, req: { headers: { authorization: 'Bearer abc.def' } } }, 'x');
  const out = lines.join('');
  expect(out).not.toMatch(/hunter2|tok-123|abc\.def/);
  expect(out).toContain('[redacted]');
});

describe('a full flow', () => {
  let t: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestServer();
    // Serve a second app on the same deps whose logger writes where the test can read it.
    t.deps.logger = createLogger('trace', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) as never);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when people sign up, sign in and reset passwords, then no secret reaches the log', async () => {
    const server = buildApp(t.deps).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const owner = await signUpOrganization(t, { password: 'very secret passphrase' });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    const tokens = await login.json();
    await fetch(`${base}/api/v1/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: owner.email }) });
    const reset = tokenOf(linkIn((await t.mailTo(owner.email))[0]!, '/reset-password'));
    await fetch(`${base}/reset-password?token=${reset}`);
    await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"password": "broken' });
    server.close();

    const log = lines.join('');
    expect(log).toContain('"path":"/reset-password"');
    for (const secret of ['very secret passphrase', tokens.accessToken, tokens.refreshToken, reset]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('a database error during hostile requests', () => {
  let t: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestServer();
    t.deps.logger = createLogger('trace', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) as never);
    // A real database refusal in the middle of sign-up, whose parameters hold the email and the password hash.
    await t.store.db.exec("ALTER TABLE one_time_tokens ADD CONSTRAINT refuses_test_name CHECK (payload->>'name' <> 'Refused By Database')");
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when the database refuses a sign-up and hostile requests follow, then the log holds no hash, token, email or password', async () => {
    const server = buildApp(t.deps).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const post = (path: string, body: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const email = 'patient.zero@clinic.example';
    const password = 'a long secret passphrase';
    const refused = await post('/api/v1/signup', JSON.stringify({ organizationName: 'Harbor', name: 'Refused By Database', email, password }));
    await post('/api/v1/auth/login', JSON.stringify({ email: `${email}\u0000`, password }));
    await post('/api/v1/auth/login', `{"email": "${email}", "password": "\\ud800${password}"}`);
    await post('/api/v1/signup', `{"organizationName": "x\\u0000", "name": "y", "email": "${email}", "password": "${password}"}`);
    await post('/api/v1/auth/refresh', JSON.stringify({ refreshToken: 'A'.repeat(43) }));
    await fetch(`${base}/api/v1/branding/logo/%ZZ?token=${'B'.repeat(43)}`);
    server.close();

    expect(refused.status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('refuses_test_name'); // the error is logged, with what explains it
    expect(log).not.toMatch(/\$argon2/);
    for (const secret of [email, password, 'A'.repeat(43), 'B'.repeat(43), 'Refused By Database']) expect(log).not.toContain(secret);
  });
});

test('when an error carries query values, details or a cause, then only what explains it is logged', () => {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) as never);
  const cause = Object.assign(new Error('violates check constraint'), { code: '23514', detail: 'Failing row contains (a@b.c)', values: ['$argon2id$v=19$zzz'] });
  const err = Object.assign(new Error('insert failed', { cause }), { params: ['$argon2id$v=19$yyy'], query: 'INSERT …', constraint: 'accounts_email_check' });
  logger.error({ err }, 'x');
  logger.error(err, 'y');
  const out = lines.join('');
  expect(out).not.toMatch(/argon2|a@b\.c|INSERT/);
  expect(out).toContain('accounts_email_check');
  expect(out).toContain('23514');
});
