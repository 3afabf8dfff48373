/**
 * The audit chain under parallel sends: sends of one organization record their events without waiting on each other,
 * and what the admin reads afterwards is one gapless chain holding every send exactly once, on PGlite and (when
 * TEST_DATABASE_URL is set) the PostgreSQL server, where the sends really run in parallel.
 */
import { testDatabaseKinds } from '../../store/testing/testStore';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

describe.each(testDatabaseKinds())('audit chain under parallel sends on %s', (database) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestServer({ database });
    cast = await castOrganization(t, 'Parallel Partners');
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when 40 messages are sent at once, then the chain verifies and holds each send once, in seq order', async () => {
    const sends = await Promise.all(Array.from({ length: 40 }, (_, n) =>
      t.api('POST', '/api/v1/messages', { token: cast.pro.accessToken, body: { subject: `Parallel ${n}`, html: '<p>Hi</p>', to: [{ email: cast.guest.email }] } }),
    ));
    expect(sends.map((s) => s.status)).toEqual(Array(40).fill(201));

    const verification = await t.api('GET', '/api/v1/audit/verification', { token: cast.admin.accessToken });
    expect(verification.body).toMatchObject({ ok: true, brokenAtSeq: null });
    const listing = await t.api('GET', '/api/v1/audit?limit=200', { token: cast.admin.accessToken });
    const events = listing.body.events as { seq: number; action: string; target: { id: string | null } }[];
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: verification.body.count }, (_, i) => verification.body.count - i));
    const sent = events.filter((e) => e.action === 'message.sent').map((e) => e.target.id);
    expect(new Set(sent)).toEqual(new Set(sends.map((s) => s.body.id)));
    expect(sent).toHaveLength(40);
  });
});
