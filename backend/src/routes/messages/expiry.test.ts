/**
 * Changing a sent message's expiry: always a future time, and a guest may only make its message last longer. An
 * expiry in the past, or sooner than the one recipients have, would withdraw the message like a recall, which is
 * for pros only (with its "who recalled it" notice). A refused change changes nothing.
 */
import { castOrganization, sendAs, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Expiry Clinic');
}, 120_000);
afterAll(async () => {
  await t.stop();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const patch = (token: string, id: string, expiresAt: string | null) => t.api('PATCH', `/api/v1/messages/${id}`, { token, body: { expiresAt } });
const expiryOf = async (id: string) => (await t.api('GET', `/api/v1/messages/${id}`, { token: cast.pro.accessToken })).body.expiresAt as string | null;
const guestMessage = (expiresAt?: string) =>
  sendAs(t, cast.guest.accessToken, { subject: 'My consent', to: [{ email: cast.pro.email }], ...(expiresAt ? { expiresAt } : {}) });

describe.each([
  ['a moment ago', () => new Date(Date.now() - 1000).toISOString()],
  ['in 2020', () => '2020-01-01T00:00:00Z'],
  ['in year 0', () => '0000-01-01T00:00:00Z'],
])('when a sender sets the expiry to %s', (_when, at) => {
  test.each([['guest'], ['pro']] as const)('as a %s, then it is a 400 and the recipient still opens the message', async (who) => {
    const { id } = who === 'guest' ? await guestMessage() : await sendAs(t, cast.pro.accessToken, { subject: 'Plan', to: [{ email: cast.guest.email }] });
    const res = await patch(cast[who].accessToken, id, at());
    expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
    expect(res.body.detail).toMatch(/expiresAt: must be in the future/);
    const reader = who === 'guest' ? cast.pro : cast.guest;
    expect((await t.api('GET', `/api/v1/messages/${id}`, { token: reader.accessToken })).status).toBe(200);
  });
});

test('when a guest sets an expiry on its message that had none, then it is refused as a recall would be and nothing changes', async () => {
  const { id } = await guestMessage();
  const res = await patch(cast.guest.accessToken, id, inDays(1));
  expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
  expect(res.body.detail).toMatch(/choose a later moment, or clear the expiry/);
  expect(await expiryOf(id)).toBeNull();
});

test('when a guest brings its expiry sooner, then it is refused and the expiry stays', async () => {
  const original = inDays(10);
  const { id } = await guestMessage(original);
  expect((await patch(cast.guest.accessToken, id, inDays(1))).status).toBe(403);
  expect(await expiryOf(id)).toBe(original);
});

test('when a guest makes its message last longer or clears the expiry, then it is saved', async () => {
  const { id } = await guestMessage(inDays(1));
  const later = inDays(30);
  expect((await patch(cast.guest.accessToken, id, later)).status).toBe(204);
  expect(await expiryOf(id)).toBe(later);
  expect((await patch(cast.guest.accessToken, id, null)).status).toBe(204);
  expect(await expiryOf(id)).toBeNull();
});

test('when a pro brings the expiry of its own message sooner, then it is saved (pros may recall anyway)', async () => {
  const { id } = await sendAs(t, cast.pro.accessToken, { subject: 'Plan', to: [{ email: cast.guest.email }], expiresAt: inDays(10) });
  const sooner = inDays(1);
  expect((await patch(cast.pro.accessToken, id, sooner)).status).toBe(204);
  expect(await expiryOf(id)).toBe(sooner);
});

test('when a guest sends a message that expires in the past, then the send is refused', async () => {
  const res = await t.api('POST', '/api/v1/messages', {
    token: cast.guest.accessToken,
    body: { html: '<p>x</p>', to: [{ email: cast.pro.email }], expiresAt: '2020-01-01T00:00:00Z' },
  });
  expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
});
