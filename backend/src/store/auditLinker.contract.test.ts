/**
 * Store contract for the audit chain's linker: events appended by racing transactions (some rolled back) end up in
 * one gapless, verifiable chain per organization in append order; a linker that crashes mid-batch links nothing and
 * the next run completes the chain; edits, deletions and insertions of linked events are found at the right seq;
 * committed events left unlinked past the grace period are reported.
 */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('audit linker on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  const newOrganization = async (name: string) => (await store.organizations.create({ name })).id;
  const appendIn = (organizationId: string, action: string) => store.audit.append({ organizationId, actorId: null, action });
  const unlinkedCount = async () =>
    (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL'))[0]!.n;

  test('when transactions of two organizations race with linkers, then each chain is gapless, complete and verifies', async () => {
    const [a, b] = [await newOrganization('Race A'), await newOrganization('Race B')];
    const writes = Array.from({ length: 40 }, (_, n) =>
      store
        .transaction(async (tx) => {
          await tx.audit.append({ organizationId: n % 2 ? a : b, actorId: null, action: `race.${n}` });
          if (n % 5 === 0) throw new Error('rolled back');
        })
        .then(() => `race.${n}`, () => null),
    );
    // linkers of several instances running while the writes commit
    const linkers = Array.from({ length: 6 }, (_, n) => store.audit.link({ wait: n % 2 === 0, batch: 3 }));
    const committed = (await Promise.all(writes)).filter((action): action is string => action !== null);
    await Promise.all(linkers);
    expect(committed).toHaveLength(32);

    for (const organizationId of [a, b]) {
      const verification = await store.audit.verify(organizationId, { linkFirst: true });
      expect(verification).toEqual({ ok: true, count: 16 });
      const events = await store.audit.list(organizationId, { limit: 100 });
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => 16 - i));
    }
    const actions = [...(await store.audit.list(a, { limit: 100 })), ...(await store.audit.list(b, { limit: 100 }))].map((e) => e.action);
    expect(actions.sort()).toEqual([...committed].sort());
    expect(actions.some((action) => ['race.0', 'race.5', 'race.10'].includes(action))).toBe(false);
  });

  test('when events are linked, then seq follows append order and a linked event never changes on a later run', async () => {
    const org = await newOrganization('Order');
    for (const action of ['o.1', 'o.2', 'o.3']) await appendIn(org, action);
    await store.audit.link();
    const first = await store.audit.list(org);
    expect(first.map((e) => [e.seq, e.action])).toEqual([[3, 'o.3'], [2, 'o.2'], [1, 'o.1']]);
    await appendIn(org, 'o.4');
    await store.audit.link();
    const second = await store.audit.list(org);
    expect(second.slice(1)).toEqual(first);
    expect(second[0]).toMatchObject({ seq: 4, action: 'o.4', prevHash: first[0]!.hash });
  });

  test('when the linker fails before its commit, then nothing is linked and the next run links everything once', async () => {
    await store.audit.link();
    const org = await newOrganization('Crash');
    for (const action of ['c.1', 'c.2', 'c.3']) await appendIn(org, action);
    await expect(
      store.transaction(async (tx) => {
        expect(await tx.audit.link()).toBe(3);
        throw new Error('the process dies before the commit');
      }),
    ).rejects.toThrow('the process dies');
    expect(await unlinkedCount()).toBe(3);
    const [head] = await store.db.query<{ audit_seq: number; audit_head: string | null }>(
      'SELECT audit_seq, audit_head FROM organizations WHERE id = $1', [org]);
    expect(head).toEqual({ audit_seq: 0, audit_head: null });

    expect(await store.audit.link()).toBe(3);
    expect(await store.audit.link()).toBe(0);
    expect(await store.audit.verify(org)).toEqual({ ok: true, count: 3 });
  });

  if (kind === 'postgres') {
    test('when one linker holds the lock, then another skips its turn without waiting, and links after it', async () => {
      const org = await newOrganization('Turns');
      await appendIn(org, 't.1');
      let skipped = -1;
      await store.transaction(async (tx) => {
        expect(await tx.audit.link()).toBe(1);
        await appendIn(org, 't.2');
        skipped = await store.audit.link({ wait: false });
      });
      expect(skipped).toBe(0);
      expect(await store.audit.link()).toBe(1);
      expect(await store.audit.verify(org)).toEqual({ ok: true, count: 2 });
    });
  }

  describe('tampering with linked events', () => {
    let org: string;
    beforeEach(async () => {
      org = await newOrganization('Tamper');
      for (const action of ['x.1', 'x.2', 'x.3', 'x.4']) await appendIn(org, action);
      await store.audit.link();
      expect(await store.audit.verify(org)).toEqual({ ok: true, count: 4 });
    });

    test('when a linked event is edited, then verify breaks at its seq', async () => {
      await store.db.query(`UPDATE audit_events SET data = '{"forged":true}' WHERE organization_id = $1 AND seq = 3`, [org]);
      expect(await store.audit.verify(org)).toEqual({ ok: false, brokenAtSeq: 3 });
    });

    test('when a linked event is deleted, then verify breaks at the next seq', async () => {
      await store.db.query('DELETE FROM audit_events WHERE organization_id = $1 AND seq = 2', [org]);
      expect(await store.audit.verify(org)).toEqual({ ok: false, brokenAtSeq: 3 });
    });

    test('when the newest linked event is deleted, then verify says the chain head points past the stored events', async () => {
      await store.db.query('DELETE FROM audit_events WHERE organization_id = $1 AND seq = 4', [org]);
      expect(await store.audit.verify(org)).toEqual({ ok: false, brokenAtSeq: 4 });
    });

    test('when a linked event is unlinked to be chained again, then verify breaks where it was, even after relinking', async () => {
      await store.db.query('UPDATE audit_events SET seq = NULL, hash = NULL, prev_hash = NULL WHERE organization_id = $1 AND seq = 2', [org]);
      expect(await store.audit.verify(org)).toEqual({ ok: false, brokenAtSeq: 3 });
      expect(await store.audit.link()).toBe(1);
      expect(await store.audit.verify(org)).toEqual({ ok: false, brokenAtSeq: 3 });
    });

    test('when an event is inserted as linked, then verify breaks at the seq it claims', async () => {
      const [last] = await store.audit.list(org, { limit: 1 });
      await store.db.query(
        `INSERT INTO audit_events (id, organization_id, seq, actor_id, action, data, created_at, prev_hash, hash)
         VALUES (gen_random_uuid(), $1, 5, NULL, 'x.forged', '{}', now(), $2, repeat('0', 64))`,
        [org, last!.hash],
      );
      expect(await store.audit.verify(org)).toEqual({ ok: false, brokenAtSeq: 5 });
    });
  });

  test('when committed events wait past the grace period, then verify reports them after the linked chain', async () => {
    await store.audit.link();
    const org = await newOrganization('Stalled');
    await appendIn(org, 's.1');
    await store.audit.link();
    await appendIn(org, 's.2');
    expect(await store.audit.verify(org)).toEqual({ ok: true, count: 1 });
    await store.db.query("UPDATE audit_events SET created_at = now() - interval '2 minutes' WHERE organization_id = $1 AND seq IS NULL", [org]);
    const stalled = await store.audit.verify(org, { unlinkedGraceSeconds: 60 });
    expect(stalled).toMatchObject({ ok: false, brokenAtSeq: 2, unlinked: { count: 1 } });
    expect(await store.audit.verify(org, { unlinkedGraceSeconds: 600 })).toEqual({ ok: true, count: 1 });
  });
});
