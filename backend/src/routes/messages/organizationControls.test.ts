/**
 * The organization's say over its messages: an admin recalls any message of the organization (recipients see who
 * recalled it, the audit names the admin and the sender), and "no forwarding" per message or by default keeps a
 * message with its recipients, its sender excepted. Refusals change nothing.
 */
import { castOrganization, inviteAndRegister, sendAs, type Cast, type Member } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
let colleague: Member;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Juniper Accountants');
  colleague = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Cam Colleague' });
});
afterAll(async () => {
  await t.stop();
});

const forward = (token: string, messageId: string) =>
  t.api('POST', `/api/v1/messages/${messageId}/forward`, { token, body: { to: [{ email: colleague.email }] } });
const recall = (token: string, messageId: string, reason?: string) =>
  t.api('POST', `/api/v1/messages/${messageId}/recall`, { token, body: reason ? { reason } : {} });
const count = async (table: string) => (await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

test("when an admin recalls a pro's message, then its recipient sees the admin's name and the audit names both", async () => {
  const sent = await sendAs(t, cast.pro.accessToken, { subject: 'Wrong client', to: [{ email: cast.guest.email }] });
  expect((await recall(cast.admin.accessToken, sent.id, 'Sent to the wrong client')).status).toBe(204);
  const read = await t.api('GET', `/api/v1/messages/${sent.id}`, { token: cast.guest.accessToken });
  expect(read.status).toBe(410);
  expect(read.body).toMatchObject({ code: 'message_recalled', recalledBy: 'Dana Reyes', reason: 'Sent to the wrong client' });
  const events = await t.store.audit.list(cast.organizationId, { limit: 20 });
  const recalled = events.find((e) => e.action === 'message.recalled' && e.targetId === sent.id);
  expect(recalled).toMatchObject({ actorId: cast.admin.accountId, data: { senderId: cast.pro.accountId, asAdmin: true } });
  expect((await t.api('GET', '/api/v1/me', { token: cast.admin.accessToken })).body.abilities.recallAnyMessage).toBe(true);
});

test("when anyone but the sender or an admin recalls a message, then it is refused and nothing changes", async () => {
  const sent = await sendAs(t, cast.pro.accessToken, { subject: 'Stays', to: [{ email: cast.guest.email }] });
  const other = await castOrganization(t, 'Elsewhere LLP');
  const before = await count('audit_events');
  const manager = await recall(cast.userManager.accessToken, sent.id);
  expect([manager.status, manager.body.code]).toEqual([404, 'not_found']);
  const guest = await recall(cast.guest.accessToken, sent.id);
  expect([guest.status, guest.body.code]).toEqual([403, 'forbidden']);
  const stranger = await recall(other.admin.accessToken, sent.id);
  expect([stranger.status, stranger.body.code]).toEqual([404, 'not_found']);
  expect(await count('audit_events')).toBe(before);
  expect((await t.api('GET', `/api/v1/messages/${sent.id}`, { token: cast.guest.accessToken })).status).toBe(200);
  expect((await t.api('GET', '/api/v1/me', { token: cast.userManager.accessToken })).body.abilities.recallAnyMessage).toBe(false);
});

test('when a message is marked "no forwarding", then its recipients cannot forward it but its sender can', async () => {
  const marked = await sendAs(t, cast.admin.accessToken, { subject: 'Board minutes', to: [{ email: cast.pro.email }], noForwarding: true });
  const opened = await t.api('GET', `/api/v1/messages/${marked.id}`, { token: cast.pro.accessToken });
  expect(opened.body.noForwarding).toBe(true);
  const messagesBefore = await count('messages');
  const refused = await forward(cast.pro.accessToken, marked.id);
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ code: 'forwarding_disabled' });
  expect(refused.body.detail).toContain('no forwarding');
  expect(await count('messages')).toBe(messagesBefore);
  const bySender = await forward(cast.admin.accessToken, marked.id);
  expect(bySender.status).toBe(201);
  // the forward keeps the mark, so it stops with its recipients too
  const theForward = await t.api('GET', `/api/v1/messages/${bySender.body.id}`, { token: colleague.accessToken });
  expect(theForward.body.noForwarding).toBe(true);
  const unmarked = await sendAs(t, cast.admin.accessToken, { subject: 'Lunch', to: [{ email: cast.pro.email }] });
  expect((await forward(cast.pro.accessToken, unmarked.id)).status).toBe(201);
});

test('when the organization sets "no forwarding" by default, then new messages carry it unless their sender clears it, and the change is audited', async () => {
  const org = await castOrganization(t, 'Default Closed Clinic');
  const changed = await t.api('PATCH', '/api/v1/organization/settings', { token: org.admin.accessToken, body: { noForwardingByDefault: true } });
  expect(changed.status).toBe(200);
  expect(changed.body.noForwardingByDefault).toBe(true);
  const events = await t.store.audit.list(org.organizationId, { limit: 5 });
  expect(events.find((e) => e.action === 'organization.settings_changed')?.data).toMatchObject({ noForwardingByDefault: true });

  const byDefault = await sendAs(t, org.guest.accessToken, { subject: 'My records', to: [{ email: org.pro.email }] });
  expect((await t.api('GET', `/api/v1/messages/${byDefault.id}`, { token: org.pro.accessToken })).body.noForwarding).toBe(true);
  const cleared = await sendAs(t, org.guest.accessToken, { subject: 'Newsletter', to: [{ email: org.pro.email }], noForwarding: false });
  expect((await t.api('GET', `/api/v1/messages/${cleared.id}`, { token: org.pro.accessToken })).body.noForwarding).toBe(false);

  const pro = await t.api('PATCH', '/api/v1/organization/settings', { token: org.pro.accessToken, body: { noForwardingByDefault: false } });
  expect(pro.status).toBe(403);
  expect((await t.api('GET', '/api/v1/organization/settings', { token: org.admin.accessToken })).body.noForwardingByDefault).toBe(true);
});
