/**
 * An SMTP outage seen from the outside: an email caused by an HTTP request waits in the outbox while the relay is
 * down, and arrives exactly once after it comes back.
 */
import { signUpOrganization } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/testServer';
import { startMailCatcher } from './catcher';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

test('when SMTP is down, then the reset email is retried and delivered once the server is back, exactly once', async () => {
  const owner = await signUpOrganization(t);
  const port = t.catcher.port;
  await t.catcher.stop();

  expect((await t.api('POST', '/api/v1/auth/password-reset', { body: { email: owner.email } })).status).toBe(202);
  expect(await t.worker.drain()).toBe(0);
  const [pending] = await t.store.db.query<{ id: string; status: string; attempts: number; last_error: string }>(
    "SELECT id, status, attempts, last_error FROM outbox WHERE template = 'password_reset'",
  );
  expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
  expect(pending!.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

  // The relay comes back on the same address; the retry falls due.
  t.catcher = await startMailCatcher({ dir: `${t.deps.config.dataDir}/mailbox`, port });
  await t.store.db.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [pending!.id]);
  expect(await t.worker.drain()).toBe(1);
  expect(await t.worker.drain()).toBe(0);
  const resets = (await t.catcher.list()).filter((m) => m.to.includes(owner.email) && /reset/i.test(m.subject));
  expect(resets).toHaveLength(1);
  const [sent] = await t.store.db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox WHERE id = $1', [pending!.id]);
  expect(sent).toEqual({ status: 'sent', attempts: 2 });
});
