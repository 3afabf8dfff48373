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
