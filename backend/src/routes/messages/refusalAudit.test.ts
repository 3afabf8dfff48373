/** Refused attempts to open messages are audited for messages that exist, and only so many per person: asking is not a way to flood the log. */
import { randomUUID } from 'node:crypto';
import { AUDITED_REFUSALS } from '../../commands/messageAccess';
import { castOrganization, sendAs, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Quiet Log Clinic');
}, 120_000);
afterAll(async () => {
  await t.stop();
});

const refusals = async (targetId?: string) =>
  (
    await t.store.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM audit_events WHERE organization_id = $1 AND action = 'message.access_refused' AND ($2::text IS NULL OR target_id = $2::text) ORDER BY seq`,
      [cast.organizationId, targetId ?? null],
    )
  ).map((r) => r.data);

test('when a guest asks for messages that do not exist, then each answer is 404 and the audit log gains nothing', async () => {
  const before = (await refusals()).length;
  for (let i = 0; i < 30; i += 1) {
    const res = await t.api('GET', `/api/v1/messages/${randomUUID()}`, { token: cast.guest.accessToken });
    expect([res.status, res.body.code]).toEqual([404, 'not_found']);
  }
  const reply = await t.api('POST', '/api/v1/messages', { token: cast.guest.accessToken, body: { html: '<p>hi</p>', to: [{ email: cast.pro.email }], inReplyTo: randomUUID() } });
  expect(reply.status).toBe(404);
  expect(await refusals()).toHaveLength(before);
});

test('when a member keeps asking for a message they are not party to, then a bounded number of refusals is recorded and the last says so', async () => {
  const { id } = await sendAs(t, cast.pro.accessToken, { subject: 'Not for the guest', to: [{ email: cast.admin.email }] });
  for (let i = 0; i < AUDITED_REFUSALS.max + 15; i += 1) {
    expect((await t.api('GET', `/api/v1/messages/${id}`, { token: cast.guest.accessToken })).status).toBe(404);
  }
  const recorded = await refusals(id);
  expect(recorded).toHaveLength(AUDITED_REFUSALS.max);
  expect(recorded[0]).toEqual({ reason: 'not_a_party', purpose: 'open' });
  expect(recorded.at(-1)).toEqual({ reason: 'not_a_party', purpose: 'open', furtherRefusalsUnrecordedForAnHour: true });
  // another person's allowance is their own
  expect((await t.api('GET', `/api/v1/messages/${id}`, { token: cast.userManager.accessToken })).status).toBe(404);
  expect(await refusals(id)).toHaveLength(AUDITED_REFUSALS.max + 1);
});

test('when someone who is no party asks for a recalled message, then it is 404 before its recall reason is opened', async () => {
  const { id } = await sendAs(t, cast.pro.accessToken, { subject: 'Recalled, not for the guest', to: [{ email: cast.admin.email }] });
  // a reason that cannot be opened: reading it for a stranger would fail loudly instead of turning them away
  await t.store.db.query('UPDATE messages SET recalled_at = now(), recalled_by = $2, recall_reason_sealed = $3 WHERE id = $1', [id, cast.pro.accountId, 'not-a-sealed-field']);
  const res = await t.api('GET', `/api/v1/messages/${id}`, { token: cast.userManager.accessToken });
  expect([res.status, res.body.code]).toEqual([404, 'not_found']);
});
