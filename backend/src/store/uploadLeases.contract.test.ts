/**
 * Store contract: upload writer leases (PGlite, and the server when configured) — one holder at a time, renewals
 * only by the holder, a lease that ran out taken over, and of many racing writers exactly one wins.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('upload leases on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  test('when a lease is held, then another holder is refused until it is released', async () => {
    const [file, a, b] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await store.uploadLeases.acquire(file, a, 30)).toBe(true);
    expect(await store.uploadLeases.isHeld(file)).toBe(true);
    expect(await store.uploadLeases.acquire(file, b, 30)).toBe(false);
    expect(await store.uploadLeases.renew(file, b, 30)).toBe(false);
    expect(await store.uploadLeases.renew(file, a, 30)).toBe(true);
    await store.uploadLeases.release(file, b);
    expect(await store.uploadLeases.acquire(file, b, 30)).toBe(false);
    await store.uploadLeases.release(file, a);
    expect(await store.uploadLeases.isHeld(file)).toBe(false);
    expect(await store.uploadLeases.acquire(file, b, 30)).toBe(true);
  });

  test('when a lease ran out, then another holder takes it over and the first can no longer renew or release it', async () => {
    const [file, a, b] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await store.uploadLeases.acquire(file, a, 0)).toBe(true);
    expect(await store.uploadLeases.isHeld(file)).toBe(false);
    expect(await store.uploadLeases.acquire(file, b, 30)).toBe(true);
    expect(await store.uploadLeases.renew(file, a, 30)).toBe(false);
    await store.uploadLeases.release(file, a);
    expect(await store.uploadLeases.isHeld(file)).toBe(true);
  });

  test('when many writers race for one upload, then exactly one holds it', async () => {
    const file = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => store.uploadLeases.acquire(file, randomUUID(), 30)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  test('when leases ran out, then clearing forgets them and keeps the running ones', async () => {
    const [gone, live] = [randomUUID(), randomUUID()];
    await store.uploadLeases.acquire(gone, randomUUID(), 0);
    await store.uploadLeases.acquire(live, randomUUID(), 30);
    expect(await store.uploadLeases.clearExpired()).toBeGreaterThanOrEqual(1);
    expect(await store.uploadLeases.isHeld(live)).toBe(true);
    const rows = await store.db.query('SELECT file_id FROM upload_leases WHERE file_id = ANY($1::uuid[])', [[gone, live]]);
    expect(rows).toEqual([{ file_id: live }]);
  });
});
