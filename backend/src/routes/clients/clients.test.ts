/**
 * A pro's client list over HTTP: the guests they exchanged messages with (either way), computed from what is still
 * in the pro's own view; deleting every message with a client takes them off the list while the client keeps their
 * copies; the history of one client; staff only, organization by organization.
 */
import { castOrganization, inviteAndRegister, type Cast, type Member, sendAs } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
let other: Cast;
let pro: Member;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Maple Accounting');
  other = await castOrganization(t, 'Rival Accounting');
  // a pro of their own, so no other test's messages show up in this pro's list
  pro = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Paz Pro' });
});
afterAll(async () => {
  await t.stop();
});

const send = (token: string, body: Record<string, unknown>) => sendAs(t, token, body);
const clients = async (token: string, query = '') => t.api('GET', `/api/v1/clients${query}`, { token });

test('when a pro exchanged messages with guests, then each guest is listed once with the last exchange and the count', async () => {
  const ana = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Ana Client' });
  const ben = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Ben Client' });
  await send(pro.accessToken, { subject: 'Your invoice', to: [{ email: ana.email }] });
  const question = await send(ana.accessToken, { subject: 'A question', to: [{ email: pro.email }] });
  await send(pro.accessToken, { subject: 'Re: A question', to: [{ email: ana.email }], inReplyTo: question.id });
  const newest = await send(ben.accessToken, { subject: 'New documents', to: [{ email: pro.email }] });
  // a colleague is not a client, and neither is a message the pro is no party to
  await send(pro.accessToken, { subject: 'Internal', to: [{ email: cast.userManager.email }] });
  await send(cast.userManager.accessToken, { subject: 'Not to Paz', to: [{ email: cast.guest.email }] });

  const res = await clients(pro.accessToken);
  expect(res.status).toBe(200);
  expect(res.body.clients).toEqual([
    { accountId: ben.accountId, name: 'Ben Client', email: ben.email, lastExchangeAt: expect.any(String), messageCount: 1 },
    { accountId: ana.accountId, name: 'Ana Client', email: ana.email, lastExchangeAt: expect.any(String), messageCount: 3 },
  ]);
  const sentAt = (await t.api('GET', `/api/v1/messages/${newest.id}`, { token: pro.accessToken })).body.sentAt;
  expect(res.body.clients[0].lastExchangeAt).toBe(sentAt);
  expect(res.body.next).toBeNull();
  expect((await clients(pro.accessToken, '?q=ANA')).body.clients.map((c: { name: string }) => c.name)).toEqual(['Ana Client']);
  expect((await clients(pro.accessToken, '?q=%25')).body.clients).toEqual([]);
});

test('when the pro deletes every message with a client from their view, then the client leaves the list and keeps their copies', async () => {
  const cleo = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Cleo Client' });
  const sent = await send(pro.accessToken, { subject: 'Engagement letter', to: [{ email: cleo.email }] });
  const received = await send(cleo.accessToken, { subject: 'Signed letter', to: [{ email: pro.email }] });
  const listed = async () => (await clients(pro.accessToken)).body.clients.find((c: { accountId: string }) => c.accountId === cleo.accountId);
  expect(await listed()).toMatchObject({ messageCount: 2 });

  expect((await t.api('DELETE', `/api/v1/messages/${sent.id}`, { token: pro.accessToken })).status).toBe(204);
  expect(await listed()).toMatchObject({ messageCount: 1 });
  expect((await t.api('DELETE', `/api/v1/messages/${received.id}`, { token: pro.accessToken })).status).toBe(204);
  expect(await listed()).toBeUndefined();
  expect((await t.api('GET', `/api/v1/clients/${cleo.accountId}/messages`, { token: pro.accessToken })).status).toBe(404);

  // the other side's copies stay: Cleo still has the letter she received and the one she sent
  const inbox = await t.api('GET', '/api/v1/messages', { token: cleo.accessToken });
  expect(inbox.body.messages.map((m: { id: string }) => m.id)).toContain(sent.id);
  const sentBox = await t.api('GET', '/api/v1/messages?box=sent', { token: cleo.accessToken });
  expect(sentBox.body.messages.map((m: { id: string }) => m.id)).toContain(received.id);
});

test('when a pro opens a client, then the messages exchanged either way come newest first, page by page', async () => {
  const dora = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Dora Client' });
  const subjects = ['One', 'Two', 'Three'];
  await send(pro.accessToken, { subject: subjects[0], to: [{ email: dora.email }] });
  await send(dora.accessToken, { subject: subjects[1], to: [{ email: pro.email }] });
  await send(pro.accessToken, { subject: subjects[2], to: [{ email: dora.email }, { email: cast.guest.email }] });

  const first = await t.api('GET', `/api/v1/clients/${dora.accountId}/messages?limit=2`, { token: pro.accessToken });
  expect(first.status).toBe(200);
  expect(first.body.client).toMatchObject({ accountId: dora.accountId, name: 'Dora Client', messageCount: 3 });
  expect(first.body.messages.map((m: { subject: string }) => m.subject)).toEqual(['Three', 'Two']);
  expect(first.body.messages[0].recipients.map((r: { email: string }) => r.email).sort()).toEqual([dora.email, cast.guest.email].sort());
  const rest = await t.api('GET', `/api/v1/clients/${dora.accountId}/messages?limit=2&before=${first.body.next}`, { token: pro.accessToken });
  expect(rest.body.messages.map((m: { subject: string }) => m.subject)).toEqual(['One']);
  expect(rest.body.next).toBeNull();
  const bad = await t.api('GET', `/api/v1/clients/${dora.accountId}/messages?before=not-a-cursor`, { token: pro.accessToken });
  expect([bad.status, bad.body.code]).toEqual([400, 'invalid_request']);
});

test('when the list is longer than a page, then next brings the following clients without repeats', async () => {
  const many = [];
  for (const name of ['Eve', 'Finn', 'Gus']) {
    const guest = await inviteAndRegister(t, cast.admin, { type: 'guest', name: `${name} Page` });
    await send(pro.accessToken, { subject: 'Hello', to: [{ email: guest.email }] });
    many.push(guest.accountId);
  }
  const seen: string[] = [];
  let after: string | null = '';
  while (after !== null) {
    const res = await clients(pro.accessToken, `?q=page&limit=2${after ? `&after=${after}` : ''}`);
    seen.push(...res.body.clients.map((c: { accountId: string }) => c.accountId));
    after = res.body.next;
  }
  expect(seen).toEqual([...many].reverse());
});

test('when a guest or another organization asks, then guests get 403 and other organizations see none of these clients', async () => {
  const guestAsks = await clients(cast.guest.accessToken);
  expect([guestAsks.status, guestAsks.body.code]).toEqual([403, 'forbidden']);
  const theirs = await clients(other.pro.accessToken);
  expect(theirs.body.clients).toEqual([]);
  const anyClient = (await clients(pro.accessToken)).body.clients[0];
  expect((await t.api('GET', `/api/v1/clients/${anyClient.accountId}/messages`, { token: other.pro.accessToken })).status).toBe(404);
});
