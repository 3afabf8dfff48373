/**
 * Store contract: accounts, organizations and memberships. Runs on PGlite and, when TEST_DATABASE_URL is set,
 * on the PostgreSQL server; a MongoDB adapter must pass the same suite.
 */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('identity repositories on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  test('when an account is created, then it is found by id and by its email, and the email is unique', async () => {
    const account = await store.accounts.create({ email: 'ana@clinic.example', name: 'Ana', passwordHash: 'h1' });
    expect(await store.accounts.findById(account.id)).toEqual(account);
    expect((await store.accounts.findByEmail('ana@clinic.example'))?.id).toBe(account.id);
    expect(await store.accounts.findByEmail('nobody@clinic.example')).toBeNull();
    await expect(store.accounts.create({ email: 'ana@clinic.example', name: 'Other', passwordHash: null })).rejects.toThrow();
  });

  test('when a password or block is set, then it reads back', async () => {
    const account = await store.accounts.create({ email: 'ben@clinic.example', name: 'Ben', passwordHash: null });
    expect(account.passwordHash).toBeNull();
    await store.accounts.setPassword(account.id, 'h2');
    await store.accounts.setBlocked(account.id, true);
    const read = await store.accounts.findById(account.id);
    expect(read?.passwordHash).toBe('h2');
    expect(read?.blockedAt).toBeInstanceOf(Date);
    await store.accounts.setBlocked(account.id, false);
    expect((await store.accounts.findById(account.id))?.blockedAt).toBeNull();
  });

  test('when memberships exist in two organizations, then listForAccount returns both, last sign-in first', async () => {
    const account = await store.accounts.create({ email: 'cy@clinic.example', name: 'Cy', passwordHash: null });
    const first = await store.organizations.create({ name: 'First' });
    const second = await store.organizations.create({ name: 'Second', seatsPurchased: 5 });
    expect((await store.organizations.findById(second.id))?.seatsPurchased).toBe(5);
    await store.memberships.create({ organizationId: first.id, accountId: account.id, type: 'pro', status: 'active', isAdmin: true });
    await store.memberships.create({ organizationId: second.id, accountId: account.id, type: 'guest', status: 'invited' });
    await store.memberships.recordLogin(second.id, account.id);
    const list = await store.memberships.listForAccount(account.id);
    expect(list.map((m) => [m.organizationName, m.type, m.status, m.isAdmin])).toEqual([
      ['Second', 'guest', 'invited', false],
      ['First', 'pro', 'active', true],
    ]);
    await store.memberships.setStatus(first.id, account.id, 'removed');
    expect((await store.memberships.find(first.id, account.id))?.status).toBe('removed');
    expect(await store.memberships.find(first.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  test('when a transaction fails, then nothing it wrote remains', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.accounts.create({ email: 'rolled@clinic.example', name: 'R', passwordHash: null });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.accounts.findByEmail('rolled@clinic.example')).toBeNull();
  });

  test('when the store is open, then it reports ready', async () => {
    expect(await store.isReady()).toBe(true);
  });
});
