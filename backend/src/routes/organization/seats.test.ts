/** Seats over HTTP: the counts, and a purchase that adds to them at the configured price with its audit event. */
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Seaside Seats');
});
afterAll(async () => {
  await t.stop();
});

test('when a user manager buys seats, then the counts grow by them and the purchase is recorded at the configured price', async () => {
  const before = (await t.api('GET', '/api/v1/seats', { token: cast.userManager.accessToken })).body;
  expect(before.free).toBe(Math.max(0, before.purchased - before.used));
  const bought = await t.api('POST', '/api/v1/seats/purchases', { token: cast.userManager.accessToken, body: { seats: 3 } });
  expect(bought.status).toBe(201);
  expect(bought.body).toEqual({ purchased: before.purchased + 3, used: before.used, free: before.free + 3, unitPriceCents: 1000 });
  expect((await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body).toEqual(bought.body);
  const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(event).toMatchObject({ action: 'seats.purchased', actorId: cast.userManager.accountId, targetType: 'organization',
    targetId: cast.organizationId, data: { seats: 3, unitPriceCents: 1000 } });
});

test('when the number of seats is not a whole number from 1 to 10,000, then it is 400 and nothing is bought', async () => {
  const before = (await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body;
  for (const seats of [0, 10_001, 1.5, '2']) {
    const res = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats } });
    expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
  }
  expect((await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body).toEqual(before);
});
