/**
 * Mail sent in an organization's name is budgeted: invitations (on send, from the invite form, on resend) and
 * new-message notices, per person and per organization, smaller while the organization is new. A refused request
 * queues nothing and creates nothing; a replayed send spends nothing.
 */
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { inviteAndRegister, uniqueEmail } from '../../testing/members';
import { testDatabaseKinds } from '../../store/testing/testStore';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    env: { SENDER_INVITATIONS_PER_HOUR: '8', NEW_ORGANIZATION_INVITATIONS_PER_DAY: '5', ORGANIZATION_INVITATIONS_PER_DAY: '20', SENDER_NOTICES_PER_HOUR: '3' },
  });
}, 120_000);
afterAll(async () => {
  await t.stop();
});

const send = (owner: { accessToken: string }, emails: string[], idempotencyKey?: string) =>
  t.api('POST', '/api/v1/messages', {
    token: owner.accessToken,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    body: { subject: 'Your results', html: '<p>Hello</p>', to: emails.map((email) => ({ email })), confirmedInvitations: emails },
  });
const strangers = (n: number) => Array.from({ length: n }, () => uniqueEmail('stranger', 'far.example'));
const invite = (owner: SignedUp, email = uniqueEmail('invitee')) => t.api('POST', '/api/v1/invitations', { token: owner.accessToken, body: { email } });
const count = async (table: 'outbox' | 'messages' | 'invitations', organizationId: string) =>
  (await t.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [organizationId]))[0]!.n;
const snapshot = async (owner: SignedUp) => [await count('outbox', owner.organizationId), await count('messages', owner.organizationId), await count('invitations', owner.organizationId)];

test('when a new organization invites more people than its daily budget, then it gets 429 sending_limited with Retry-After and nothing is queued', async () => {
  const owner = await signUpOrganization(t, { organizationName: 'Your parcel is held', name: 'Customs Office' });
  expect((await send(owner, strangers(3))).status).toBe(201);

  const before = await snapshot(owner);
  const refusedEmails = strangers(3);
  const refused = await send(owner, refusedEmails);
  expect([refused.status, refused.body.code]).toEqual([429, 'sending_limited']);
  expect(refused.body).toMatchObject({ kind: 'invitation', scope: 'organization', limit: 5, remaining: 2 });
  expect(refused.body.detail).toMatch(/^This organization can send 2 more invitations today \(at most 5 a day while the organization is new\), and this would need 3, so nothing was sent\. Invite fewer new people at once, or try again in \d+ hours\.$/);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
  expect(await snapshot(owner)).toEqual(before);
  expect(await t.store.accounts.findByEmails(refusedEmails)).toEqual([]);

  // the invite form draws on the same budget
  expect((await invite(owner)).status).toBe(201);
  expect((await invite(owner)).status).toBe(201);
  const formRefused = await invite(owner);
  expect([formRefused.status, formRefused.body.code]).toEqual([429, 'sending_limited']);
});

test('when the organization is no longer new, then its larger budget applies, and one person is still held to their hourly budget', async () => {
  const owner = await signUpOrganization(t, { organizationName: 'Established Clinic' });
  for (let i = 0; i < 5; i += 1) expect((await invite(owner)).status).toBe(201);
  expect((await invite(owner)).status).toBe(429);
  await t.store.db.query("UPDATE organizations SET created_at = now() - interval '10 days' WHERE id = $1", [owner.organizationId]);

  expect((await send(owner, strangers(3))).status).toBe(201);
  const before = await snapshot(owner);
  const refused = await invite(owner);
  expect([refused.status, refused.body.code, refused.body.scope]).toEqual([429, 'sending_limited', 'sender']);
  expect(refused.body.detail).toMatch(/^You can send 0 more invitations this hour \(at most 8 an hour per person\)/);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  // a resend is an invitation mail too
  const [pending] = (await t.api('GET', '/api/v1/invitations', { token: owner.accessToken })).body.invitations;
  expect((await t.api('POST', `/api/v1/invitations/${pending.id}/resend`, { token: owner.accessToken })).body.code).toBe('sending_limited');
  expect(await snapshot(owner)).toEqual(before);
});

test('when a send is replayed with its Idempotency-Key, then no budget is spent again', async () => {
  const owner = await signUpOrganization(t, { organizationName: 'Replay Clinic' });
  const me = await t.api('GET', '/api/v1/me', { token: owner.accessToken });
  const spent = async () =>
    (await t.store.db.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE key = $1', [`mail-invitation-sender:${me.body.account.id}`]))[0]?.hits;
  const emails = strangers(2);
  expect((await send(owner, emails, 'outlook-item-budget-1')).status).toBe(201);
  expect(await spent()).toBe(2);
  const before = await snapshot(owner);
  const again = await send(owner, emails, 'outlook-item-budget-1');
  expect([again.status, again.body.replayed]).toEqual([200, true]);
  expect(await spent()).toBe(2);
  expect(await snapshot(owner)).toEqual(before);
});

test('when someone causes more message notices than their hourly budget, then the send is refused and queues nothing; others still write', async () => {
  const owner = await signUpOrganization(t, { organizationName: 'Notice Clinic' });
  const guests = [await inviteAndRegister(t, owner, { type: 'guest' }), await inviteAndRegister(t, owner, { type: 'guest' })];
  const emails = guests.map((g) => g.email);
  expect((await send(owner, emails)).status).toBe(201);
  const before = await snapshot(owner);
  const refused = await send(owner, emails);
  expect([refused.status, refused.body.code]).toEqual([429, 'sending_limited']);
  expect(refused.body).toMatchObject({ kind: 'notice', scope: 'sender', limit: 3, remaining: 1 });
  expect(refused.body.detail).toMatch(/Write to fewer people at once, or try again in \d+ minutes\.$/);
  expect(await snapshot(owner)).toEqual(before);
  // a guest's notices come out of the guest's own budget
  expect((await send(guests[0]!, [owner.email])).status).toBe(201);
});

// The budget is one counter row updated atomically, so sends racing each other cannot all pass (PostgreSQL runs them at once).
describe.each(testDatabaseKinds())('on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { NEW_ORGANIZATION_INVITATIONS_PER_DAY: '5' } });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
  });

  test('when several sends race for the last of the budget, then together they invite no more than it allows', async () => {
    const owner = await signUpOrganization(server, { organizationName: 'Racing Clinic' });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => {
        const emails = strangers(2);
        return server.api('POST', '/api/v1/messages', {
          token: owner.accessToken,
          body: { subject: 'Hi', html: '<p>Hi</p>', to: emails.map((email) => ({ email })), confirmedInvitations: emails },
        });
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429, 429]);
    const [row] = await server.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM invitations WHERE organization_id = $1', [owner.organizationId]);
    expect(row!.n).toBe(4);
  });
});
