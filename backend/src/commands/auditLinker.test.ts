/** The background audit linker: links what is committed on its own turns, and on stop links what is left. */
import { createLogger } from '../logger';
import type { Store } from '../store';
import { openTestStore } from '../store/testing/testStore';
import { startAuditLinker } from './auditLinker';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.close();
});

const unlinked = async (organizationId: string) =>
  (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND seq IS NULL', [organizationId]))[0]!.n;

test('when events are committed while the linker runs, then it links them on its next turn without being asked', async () => {
  const org = (await store.organizations.create({ name: 'Background' })).id;
  const linker = startAuditLinker({ store, logger: createLogger('silent') }, { intervalMs: 20 });
  try {
    for (const action of ['b.1', 'b.2', 'b.3']) await store.audit.append({ organizationId: org, actorId: null, action });
    const deadline = Date.now() + 5000;
    while ((await unlinked(org)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await unlinked(org)).toBe(0);
    expect(await store.audit.verify(org)).toEqual({ ok: true, count: 3 });
  } finally {
    await linker.stop();
  }
});

test('when the linker stops, then the events committed before the stop are linked', async () => {
  const org = (await store.organizations.create({ name: 'Stopping' })).id;
  const linker = startAuditLinker({ store, logger: createLogger('silent') }, { intervalMs: 60_000 });
  await store.audit.append({ organizationId: org, actorId: null, action: 's.1' });
  expect(await unlinked(org)).toBe(1);
  await linker.stop();
  expect(await unlinked(org)).toBe(0);
  expect(await store.audit.verify(org)).toEqual({ ok: true, count: 1 });
});
