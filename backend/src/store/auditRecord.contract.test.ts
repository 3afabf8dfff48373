/**
 * Store contract: `audit.record` takes the organization and the account from the actor, the target as given, and
 * chains the event like any other; inside a transaction it commits or rolls back with the change it records.
 * PGlite, and the PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { auditActor, type Account, type Organization, type Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('audit records on %s', (kind) => {
  let store: Store;
  let organization: Organization;
  let account: Account;
  beforeAll(async () => {
    store = await openTestStore(kind);
    organization = await store.organizations.create({ name: 'Records' });
    account = await store.accounts.create({ email: `admin-${randomUUID()}@records.example`, name: 'Ada', passwordHash: null });
  });
  afterAll(async () => {
    await store.close();
  });

  test('when an actor records an action, then the event carries their organization, account, target and data', async () => {
    const event = await store.audit.record({ organization, account }, 'seats.purchased', { type: 'organization', id: organization.id }, { seats: 2 });
    expect(event).toMatchObject({ organizationId: organization.id, actorId: account.id, action: 'seats.purchased',
      targetType: 'organization', targetId: organization.id, data: { seats: 2 } });
    const system = await store.audit.record(auditActor(organization.id, null), 'file.discarded', { type: 'file', id: 'f1' });
    expect(system).toMatchObject({ actorId: null, data: {} });
    expect(await store.audit.link()).toBe(2);
    const [second, first] = await store.audit.list(organization.id);
    expect([first!.id, second!.id]).toEqual([event.id, system.id]);
    expect(second!.prevHash).toBe(first!.hash);
    expect(await store.audit.verify(organization.id)).toEqual({ ok: true, count: 2 });
  });

  test('when the transaction that records fails after it, then neither the change nor the event is kept', async () => {
    const before = (await store.audit.list(organization.id)).length;
    await expect(
      store.transaction(async (tx) => {
        await tx.organizations.updateSettings(organization.id, { name: 'Renamed' });
        await tx.audit.record({ organization, account }, 'organization.settings_changed', { type: 'organization', id: organization.id }, { name: 'Renamed' });
        throw new Error('the change fails after its event');
      }),
    ).rejects.toThrow('the change fails after its event');
    expect(await store.audit.list(organization.id)).toHaveLength(before);
    expect((await store.organizations.findById(organization.id))?.name).toBe('Records');
    expect(await store.audit.verify(organization.id)).toEqual({ ok: true, count: before });
  });
});
