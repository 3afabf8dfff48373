/** Key rotation with a live server: every wrapped key moves to the new key, old messages still open, retire works. */
import { castOrganization } from '../testing/members';
import { startTestServer, type TestServer } from '../testing/testServer';
import { runKeysCommand } from './keys';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

test('when keys are rotated, then every record moves to the new key, old messages still open, and the old key can be retired', async () => {
  const cast = await castOrganization(t, 'Rotation Clinic');
  const sent = await t.api('POST', '/api/v1/messages', {
    token: cast.pro.accessToken,
    body: { subject: 'Before rotation', html: '<p>old key</p>', to: [{ email: cast.guest.email }] },
  });
  const draftId = '0b6e6900-0000-4000-8000-000000000001';
  await t.api('PUT', `/api/v1/drafts/${draftId}`, { token: cast.pro.accessToken, body: { subject: 'Half written', html: '<p>draft</p>' } });
  const oldKey = t.deps.secrets.keyring.activeId;

  const report = await runKeysCommand(t.deps.config, t.store, ['rotate']);
  expect(report).toMatch(/^New active key k\d{8}-[0-9a-f]{6}\. Re-wrapped [1-9]\d* message, 0 file, 0 signature_request, [1-9]\d* outbox, 0 two_step, 1 draft\./);
  expect(report).toContain(`No record uses ${oldKey} any more`);
  const usage = await t.store.keyRotation.usage();
  expect(Object.keys(usage)).toEqual([expect.not.stringMatching(oldKey)]);

  // The running server learns the new key from the file and reads the re-wrapped message.
  const read = await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken });
  expect(read.body.subject).toBe('Before rotation');
  const drafts = await t.api('GET', '/api/v1/drafts', { token: cast.pro.accessToken });
  expect(drafts.body.drafts.map((d: { subject: string }) => d.subject)).toEqual(['Half written']);
  const after = await t.api('POST', '/api/v1/messages', {
    token: cast.pro.accessToken,
    body: { subject: 'After rotation', html: '<p>new key</p>', to: [{ email: cast.guest.email }] },
  });
  const [row] = await t.store.db.query<{ data_key_id: string }>('SELECT data_key_id FROM messages WHERE id = $1', [after.body.id]);
  expect(row!.data_key_id).not.toBe(oldKey);

  expect(await runKeysCommand(t.deps.config, t.store, ['retire', oldKey])).toBe(`Retired ${oldKey}.`);
  expect((await t.api('GET', `/api/v1/messages/${sent.body.id}`, { token: cast.guest.accessToken })).body.subject).toBe('Before rotation');
  expect(await runKeysCommand(t.deps.config, t.store, ['status'])).toMatch(/\(active\): \d+ record\(s\)/);
});

test('when the active key or a used key is retired, then it refuses and says why', async () => {
  const active = t.deps.secrets.keyring.activeId;
  expect(await runKeysCommand(t.deps.config, t.store, ['retire', active])).toBe(`${active} is the active key; rotate first.`);
  expect(await runKeysCommand(t.deps.config, t.store, ['retire', 'k-missing'])).toBe('The keyring has no key k-missing.');
});
