/**
 * Seats over HTTP: the counts and the figures the confirmation shows (monthly cost, tax rate), purchases made once
 * per Idempotency-Key (a repeat, a reused key with another body, and racing repeats), and reductions from next month
 * that never go below the seats in use. On PGlite and, with TEST_DATABASE_URL, on the PostgreSQL server.
 */
import { randomUUID } from 'node:crypto';
import { testDatabaseKinds } from '../../store/testing/testStore';
import { castOrganization, inviteAndRegister, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

const key = () => ({ 'idempotency-key': `purchase-${randomUUID()}` });
const firstOfNextMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
};

describe.each(testDatabaseKinds())('seats on %s', (database) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestServer({ database, env: { TAX_RATE_PERCENT: '8.25' } });
    cast = await castOrganization(t, 'Seaside Seats');
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  const seats = async () => (await t.api('GET', '/api/v1/seats', { token: cast.admin.accessToken })).body;
  const ledgerRows = async () =>
    Number((await t.store.db.query('SELECT count(*)::int AS n FROM seat_purchases WHERE organization_id = $1', [cast.organizationId]))[0]!.n);
  const auditCount = async (action: string) =>
    (await t.store.audit.list(cast.organizationId, { limit: 500 })).filter((e) => e.action === action).length;

  test('when a user manager buys seats, then the counts and the monthly cost grow by them, recorded at the configured price', async () => {
    const before = await seats();
    expect(before).toMatchObject({ unitPriceCents: 1000, taxRateBasisPoints: 825, nextPeriod: null });
    expect(before.free).toBe(Math.max(0, before.purchased - before.used));
    const bought = await t.api('POST', '/api/v1/seats/purchases', { token: cast.userManager.accessToken, body: { seats: 3 }, headers: key() });
    expect(bought.status).toBe(201);
    expect(bought.body).toEqual({ ...before, purchased: before.purchased + 3, free: before.free + 3, monthlyCents: before.monthlyCents + 3000 });
    expect(await seats()).toEqual(bought.body);
    const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
    expect(event).toMatchObject({ action: 'seats.purchased', actorId: cast.userManager.accountId, targetType: 'organization',
      targetId: cast.organizationId, data: { seats: 3, unitPriceCents: 1000 } });
  });

  test('when the number of seats is not a whole number from 1 to 10,000, then it is 400 and nothing is bought', async () => {
    const before = await seats();
    for (const n of [0, 10_001, 1.5, '2']) {
      const res = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: n }, headers: key() });
      expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
    }
    expect(await seats()).toEqual(before);
  });

  test('when a purchase comes without an Idempotency-Key, or with a malformed one, then it is 400 and nothing is bought', async () => {
    const before = await seats();
    const rows = await ledgerRows();
    const bare = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 1 } });
    expect([bare.status, bare.body.code]).toEqual([400, 'idempotency_key_required']);
    expect(bare.body.detail).toMatch(/^Buying seats needs an Idempotency-Key header/);
    const bad = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 1 }, headers: { 'idempotency-key': 'a b' } });
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid_request']);
    expect(await seats()).toEqual(before);
    expect(await ledgerRows()).toBe(rows);
  });

  test('when the same purchase is sent again with its key, then it answers the same without a second charge', async () => {
    const headers = key();
    const first = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 2 }, headers });
    const rows = await ledgerRows();
    const events = await auditCount('seats.purchased');
    const again = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 2 }, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await ledgerRows()).toBe(rows);
    expect(await auditCount('seats.purchased')).toBe(events);
  });

  test('when a used key comes with another number of seats, then it is 409 and nothing is bought', async () => {
    const headers = key();
    await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 1 }, headers });
    const before = await seats();
    const rows = await ledgerRows();
    const other = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 4 }, headers });
    expect([other.status, other.body.code]).toEqual([409, 'idempotency_conflict']);
    expect(other.body.detail).toBe('This Idempotency-Key was already used for a different seat purchase. Use a new key for a new seat purchase.');
    expect(await seats()).toEqual(before);
    expect(await ledgerRows()).toBe(rows);
  });

  test('when one key is used by another person, then it is their own purchase, not a repeat of someone else\'s', async () => {
    const headers = key();
    const before = await seats();
    await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 1 }, headers });
    const theirs = await t.api('POST', '/api/v1/seats/purchases', { token: cast.userManager.accessToken, body: { seats: 1 }, headers });
    expect(theirs.status).toBe(201);
    expect(theirs.body.purchased).toBe(before.purchased + 2);
  });

  test('when the same purchase is sent five times at once, then seats are bought once and every answer says so', async () => {
    const before = await seats();
    const rows = await ledgerRows();
    const headers = key();
    const answers = await Promise.all(Array.from({ length: 5 }, () =>
      t.api('POST', '/api/v1/seats/purchases', { token: cast.userManager.accessToken, body: { seats: 7 }, headers })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    for (const a of answers) expect(a.body.purchased).toBe(before.purchased + 7);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(await ledgerRows()).toBe(rows + 1);
    expect((await seats()).purchased).toBe(before.purchased + 7);
  });

  test('when seats would go below those in use, then it is 409 naming the number in use and nothing changes', async () => {
    const before = await seats();
    const events = await auditCount('seats.reduced');
    const res = await t.api('POST', '/api/v1/seats/reductions', { token: cast.admin.accessToken, body: { seats: before.purchased - before.used + 1 } });
    expect([res.status, res.body.code]).toEqual([409, 'seats_in_use']);
    expect(res.body.detail).toBe(`${before.used} seats are in use by active and invited pros, so the organization cannot have fewer than ${before.used}. Remove pros or make them guests first; nothing was changed.`);
    expect(await seats()).toEqual(before);
    expect(await auditCount('seats.reduced')).toBe(events);
    const reductions = await t.store.db.query('SELECT id FROM seat_reductions WHERE organization_id = $1', [cast.organizationId]);
    expect(reductions).toHaveLength(0);
  });

  test('when seats are reduced, then this month keeps them, next month has fewer, and no new pro may take a seat going away', async () => {
    const before = await seats();
    const giveUp = before.purchased - before.used;
    const res = await t.api('POST', '/api/v1/seats/reductions', { token: cast.userManager.accessToken, body: { seats: giveUp } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...before, free: 0, monthlyCents: before.monthlyCents - giveUp * 1000,
      nextPeriod: { from: firstOfNextMonth(), seats: before.used } });
    const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
    expect(event).toMatchObject({ action: 'seats.reduced', actorId: cast.userManager.accountId, data: { seats: giveUp, from: firstOfNextMonth(), seatsFrom: before.used } });
    const invite = await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `late-${randomUUID()}@seaside.example`, type: 'pro' } });
    expect([invite.status, invite.body.code]).toEqual([409, 'no_seats_available']);
    // A guest needs no seat, and buying again adds to next month too.
    expect((await inviteAndRegister(t, cast.admin, { type: 'guest' })).accountId).toBeTruthy();
    const bought = await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 1 }, headers: key() });
    expect(bought.body).toMatchObject({ purchased: before.purchased + 1, free: 1, nextPeriod: { seats: before.used + 1 } });
  });

  test('when a plain pro or a guest tries to reduce seats, then it is 403', async () => {
    for (const token of [cast.pro.accessToken, cast.guest.accessToken]) {
      const res = await t.api('POST', '/api/v1/seats/reductions', { token, body: { seats: 1 } });
      expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
    }
  });
});
