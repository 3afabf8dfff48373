/**
 * The session cache against the real database (PGlite, and the server when TEST_DATABASE_URL is set): two caches on
 * one database stand for two instances. A hit costs no query; every change that can end or alter access, made
 * through the store, is forgotten by both; with the listening connection cut, nothing is answered from memory.
 */
import pg from 'pg';
import type { Store } from '../store';
import { openTestStore, testDatabaseKinds } from '../store/testing/testStore';
import { startSessionCache, type SessionCache } from './sessionCache';

/** On the server notices arrive a moment after the commit; PGlite hands them over with the commit itself. */
async function eventually(check: () => Promise<boolean>, kind: string): Promise<void> {
  const until = Date.now() + (kind === 'pglite' ? 0 : 3_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() >= until) throw new Error('the change never reached the cache');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(testDatabaseKinds())('session cache on %s', (kind) => {
  let store: Store;
  let a: SessionCache;
  let b: SessionCache;
  let accountId: string;
  let orgA: string;
  let orgB: string;
  let queries = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
    store.db.onQuery = () => queries++;
    a = await startSessionCache(store);
    b = await startSessionCache(store);
    orgA = (await store.organizations.create({ name: 'A' })).id;
    orgB = (await store.organizations.create({ name: 'B' })).id;
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await store.close();
  });
  beforeEach(async () => {
    accountId = (await store.accounts.create({ email: `c${Date.now()}${Math.random()}@clinic.example`, name: 'C', passwordHash: 'h' })).id;
    await store.memberships.create({ organizationId: orgA, accountId, type: 'pro', status: 'active' });
    await store.memberships.create({ organizationId: orgB, accountId, type: 'guest', status: 'active' });
  });
  const newSession = () =>
    store.sessions.create({ accountId, organizationId: orgA, userAgent: 'jest', ip: '127.0.0.1', expiresAt: new Date(Date.now() + 60_000) });
  /** Both caches know the session (read once each), so what follows tests forgetting, not a first read. */
  async function knownToBoth(): Promise<string> {
    const session = await newSession();
    expect(await a.findLiveContext(session.id)).not.toBeNull();
    expect(await b.findLiveContext(session.id)).not.toBeNull();
    return session.id;
  }

  test('when a session was read once, then the next reads send no query', async () => {
    const id = await knownToBoth();
    const before = queries;
    for (let i = 0; i < 5; i++) expect((await b.findLiveContext(id))?.membership.type).toBe('pro');
    expect(queries).toBe(before);
  });

  test('when a session is revoked, then neither cache knows it any more', async () => {
    const id = await knownToBoth();
    await store.sessions.revoke(id, 'logout');
    await eventually(async () => (await a.findLiveContext(id)) === null && (await b.findLiveContext(id)) === null, kind);
  });

  test('when a member is removed in a transaction, then both caches forget them on commit, and not before', async () => {
    const id = await knownToBoth();
    await store.transaction(async (tx) => {
      await tx.memberships.setStatus(orgA, accountId, 'removed');
      await tx.sessions.revokeAllForAccount(accountId, 'removed', orgA);
      // not committed yet: the caches still answer from memory (and the database agrees outside this transaction)
      expect(await b.findLiveContext(id)).not.toBeNull();
    });
    await eventually(async () => (await a.findLiveContext(id)) === null && (await b.findLiveContext(id)) === null, kind);
  });

  test('when a transaction that would remove a member rolls back, then the caches keep answering from memory', async () => {
    const id = await knownToBoth();
    await expect(
      store.transaction(async (tx) => {
        await tx.memberships.setStatus(orgA, accountId, 'removed');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const before = queries;
    expect((await b.findLiveContext(id))?.membership.status).toBe('active');
    expect(queries).toBe(before);
  });

  test('when a membership is blocked, its roles or type change, or the account is blocked, then both see it', async () => {
    const id = await knownToBoth();
    await store.memberships.setStatus(orgA, accountId, 'blocked');
    await eventually(async () => (await b.findLiveContext(id))?.membership.status === 'blocked', kind);
    await store.memberships.setRoles(orgA, accountId, { isAdmin: true });
    await eventually(async () => (await b.findLiveContext(id))?.membership.isAdmin === true, kind);
    await store.memberships.setType(orgA, accountId, 'guest');
    await eventually(async () => (await a.findLiveContext(id))?.membership.type === 'guest', kind);
    await store.accounts.setBlocked(accountId, true);
    await eventually(async () => (await a.findLiveContext(id))?.account.blockedAt != null && (await b.findLiveContext(id))?.account.blockedAt != null, kind);
  });

  test('when a session switches organization, then both caches answer with the new one', async () => {
    const id = await knownToBoth();
    await store.sessions.switchOrganization(id, orgB);
    await eventually(async () => (await a.findLiveContext(id))?.organization.id === orgB && (await b.findLiveContext(id))?.organization.id === orgB, kind);
  });

  test('when only the session is touched or the member signs in, then nothing is forgotten', async () => {
    const id = await knownToBoth();
    await store.sessions.touch(id);
    await store.memberships.recordLogin(orgA, accountId);
    // give a notice, had one been sent, time to arrive
    await new Promise((resolve) => setTimeout(resolve, kind === 'pglite' ? 0 : 100));
    const before = queries;
    expect(await b.findLiveContext(id)).not.toBeNull();
    expect(queries).toBe(before);
  });

  test('when more sessions are read than it holds, then the least recently used is dropped first', async () => {
    const small = await startSessionCache(store, { maxEntries: 2 });
    try {
      const [s1, s2, s3] = [await newSession(), await newSession(), await newSession()];
      await small.findLiveContext(s1.id);
      await small.findLiveContext(s2.id);
      await small.findLiveContext(s1.id); // s1 is now the most recent
      await small.findLiveContext(s3.id); // pushes out s2
      expect(small.size).toBe(2);
      const before = queries;
      await small.findLiveContext(s1.id);
      await small.findLiveContext(s3.id);
      expect(queries).toBe(before);
      await small.findLiveContext(s2.id);
      expect(queries).toBe(before + 1);
    } finally {
      await small.stop();
    }
  });

  test('when an entry is older than its lifetime, then it is read again', async () => {
    const brief = await startSessionCache(store, { ttlMs: 1 });
    try {
      const { id } = await newSession();
      await brief.findLiveContext(id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = queries;
      await brief.findLiveContext(id);
      expect(queries).toBe(before + 1);
    } finally {
      await brief.stop();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
const cutTitle = serverUrl
  ? 'session cache when its listening connection is cut (PostgreSQL server)'
  : 'session cache when its listening connection is cut: skipped, set TEST_DATABASE_URL=postgres://… to cut a real connection';
(serverUrl ? describe : describe.skip)(cutTitle, () => {
  let store: Store;
  let cache: SessionCache;
  beforeAll(async () => {
    store = await openTestStore('postgres');
    cache = await startSessionCache(store);
  });
  afterAll(async () => {
    await cache?.stop();
    await store?.close();
  });

  test('when the listener is killed, then a member removed meanwhile is refused at once, and memory serves again after it is back', async () => {
    const org = (await store.organizations.create({ name: 'Cut' })).id;
    const accountId = (await store.accounts.create({ email: 'cut@clinic.example', name: 'C', passwordHash: 'h' })).id;
    await store.memberships.create({ organizationId: org, accountId, type: 'pro', status: 'active' });
    const session = await store.sessions.create({ accountId, organizationId: org, userAgent: null, ip: null, expiresAt: new Date(Date.now() + 60_000) });
    expect(await cache.findLiveContext(session.id)).not.toBeNull();
    expect(cache.trusted).toBe(true);

    // the listener's connection, found by its name, ended by the server as a crash or a failover would
    const [schema] = await store.db.query<{ schema: string }>('SELECT current_schema() AS schema');
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        `sealpost_listen_${schema!.schema}`,
      ]);
      expect(killed.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await eventually(async () => !cache.trusted, 'postgres');

    // removed while nobody listens: no notice will ever come, yet the very next check refuses
    await store.memberships.setStatus(org, accountId, 'removed');
    await store.sessions.revokeAllForAccount(accountId, 'removed', org);
    expect(await cache.findLiveContext(session.id)).toBeNull();

    // the listener comes back by itself and the cache serves from memory again
    await eventually(async () => cache.trusted, 'postgres');
    await store.memberships.setStatus(org, accountId, 'active');
    const other = await store.sessions.create({ accountId, organizationId: org, userAgent: null, ip: null, expiresAt: new Date(Date.now() + 60_000) });
    let reads = 0;
    store.db.onQuery = () => reads++;
    await eventually(async () => {
      const before = reads;
      const context = await cache.findLiveContext(other.id);
      return context !== null && reads === before;
    }, 'postgres');
  });
});
