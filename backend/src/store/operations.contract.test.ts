/** Store contract: outbox leasing, the audit hash chain and rate-limit counters (PGlite, and the server when set). */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('operational repositories on %s', (kind) => {
  let store: Store;
  let orgId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    orgId = (await store.organizations.create({ name: 'Ops' })).id;
  });
  afterAll(async () => {
    await store.close();
  });

  test('when emails are due, then one claim leases them and a second claim gets none until retry time', async () => {
    const id = await store.outbox.enqueue({ organizationId: orgId, template: 't', toAddress: 'x@clinic.example', sealed: 's' });
    const first = await store.outbox.claimDue(10, 60);
    expect(first.map((e) => e.id)).toContain(id);
    expect(first.find((e) => e.id === id)?.attempts).toBe(1);
    expect((await store.outbox.claimDue(10, 60)).map((e) => e.id)).not.toContain(id);

    await store.outbox.scheduleRetry(id, 'ECONNREFUSED', new Date(Date.now() - 1));
    const retried = await store.outbox.claimDue(10, 60);
    expect(retried.find((e) => e.id === id)?.attempts).toBe(2);
    await store.outbox.markSent(id);
    const sent = await store.outbox.findById(id);
    expect(sent).toMatchObject({ status: 'sent', lastError: null });
    expect((await store.outbox.claimDue(10, 60)).map((e) => e.id)).not.toContain(id);
  });

  test('when concurrent claims race, then each email goes to one claimer', async () => {
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => store.outbox.enqueue({ organizationId: null, template: 't', toAddress: `${n}@c.example`, sealed: 's' })),
    );
    const claims = await Promise.all([1, 2, 3].map(() => store.outbox.claimDue(10, 60)));
    const claimed = claims.flat().map((e) => e.id).filter((id) => ids.includes(id));
    expect(claimed.sort()).toEqual([...ids].sort());
  });

  test('when a failed email is marked, then it is not claimed again', async () => {
    const id = await store.outbox.enqueue({ organizationId: null, template: 't', toAddress: 'f@c.example', sealed: 's' });
    await store.outbox.claimDue(10, 60);
    await store.outbox.markFailed(id, 'EENVELOPE');
    expect(await store.outbox.findById(id)).toMatchObject({ status: 'failed', lastError: 'EENVELOPE' });
  });

  test('when audit events are appended, then the chain verifies; when a row is edited, then verify names it', async () => {
    for (const action of ['a.one', 'a.two', 'a.three']) {
      await store.audit.append({ organizationId: orgId, actorId: null, action, data: { nested: { z: 1, a: [1, 'x'] } } });
    }
    const events = await store.audit.list(orgId); // links first
    expect(events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(events.map((e) => e.action)).toEqual(['a.three', 'a.two', 'a.one']);
    expect(events[0]!.prevHash).toBe(events[1]!.hash);
    expect(await store.audit.verify(orgId)).toEqual({ ok: true, count: 3 });

    await store.db.query("UPDATE audit_events SET action = 'a.forged' WHERE organization_id = $1 AND seq = 2", [orgId]);
    expect(await store.audit.verify(orgId)).toEqual({ ok: false, brokenAtSeq: 2 });
  });

  test('when audit appends race, then sequence numbers stay gapless and the chain holds', async () => {
    const other = (await store.organizations.create({ name: 'Race' })).id;
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => store.audit.append({ organizationId: other, actorId: null, action: `r.${n}` })));
    expect(await store.audit.verify(other, { linkFirst: true })).toEqual({ ok: true, count: 6 });
  });

  test('when a key is hit, then hits count up within the window and reset clears them', async () => {
    expect((await store.rateLimits.hit('k', 60)).hits).toBe(1);
    expect((await store.rateLimits.hit('k', 60)).hits).toBe(2);
    await store.rateLimits.reset('k');
    expect((await store.rateLimits.hit('k', 60)).hits).toBe(1);
    // A zero-second window has always passed: the count starts again.
    expect((await store.rateLimits.hit('k', 0)).hits).toBe(1);
  });
});
