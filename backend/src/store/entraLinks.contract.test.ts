/**
 * Store contract: which Microsoft user (tenant id + object id) each account signed in as, per organization. Runs on
 * PGlite and, when TEST_DATABASE_URL is set, on the PostgreSQL server. A link, once made, is not taken over by another
 * Microsoft user or another account, also when two first sign-ins race; a change of tenant links afresh.
 */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const NEW_TENANT = 'b2a6c2f0-1d1e-4b8c-9a4e-0c7f3f1b2d3e';
const OID_A = '690222be-ff1a-4d56-abd1-7e4f7d38e474';
const OID_B = '11111111-2222-4333-8444-555555555555';

describe.each(testDatabaseKinds())('Microsoft user links on %s', (kind) => {
  let store: Store;
  let n = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  async function organizationWithPeople() {
    n += 1;
    const org = await store.organizations.create({ name: `Link Org ${n}` });
    const ann = await store.accounts.create({ email: `ann${n}@links${n}.example`, name: 'Ann', passwordHash: null });
    const bob = await store.accounts.create({ email: `bob${n}@links${n}.example`, name: 'Bob', passwordHash: null });
    return { org, ann, bob };
  }

  test('when an account is linked, then the Microsoft user finds it in that organization only, and linking again changes nothing', async () => {
    const { org, ann } = await organizationWithPeople();
    const other = await organizationWithPeople();
    expect(await store.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_A })).toBe(true);
    expect(await store.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_A })).toBe(true);
    expect(await store.entraLinks.findAccount(org.id, { tenantId: TENANT, objectId: OID_A })).toBe(ann.id);
    expect(await store.entraLinks.findObjectId(org.id, ann.id, TENANT)).toBe(OID_A);
    expect(await store.entraLinks.findAccount(other.org.id, { tenantId: TENANT, objectId: OID_A })).toBeNull();
    expect(await store.entraLinks.findObjectId(org.id, ann.id, NEW_TENANT)).toBeNull();
  });

  test('when another Microsoft user or another account claims a made link, then it is refused and the link stays', async () => {
    const { org, ann, bob } = await organizationWithPeople();
    await store.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_A });
    expect(await store.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_B })).toBe(false);
    expect(await store.entraLinks.link(org.id, bob.id, { tenantId: TENANT, objectId: OID_A })).toBe(false);
    expect(await store.entraLinks.findObjectId(org.id, ann.id, TENANT)).toBe(OID_A);
    expect(await store.entraLinks.findObjectId(org.id, bob.id, TENANT)).toBeNull();
  });

  test('when two first sign-ins of one account race with different Microsoft users, then exactly one is linked', async () => {
    const { org, ann } = await organizationWithPeople();
    const results = await Promise.all([
      store.transaction((tx) => tx.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_A })),
      store.transaction((tx) => tx.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_B })),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect([OID_A, OID_B]).toContain(await store.entraLinks.findObjectId(org.id, ann.id, TENANT));
  });

  test('when the organization pins another tenant, then the account links afresh to its user there', async () => {
    const { org, ann } = await organizationWithPeople();
    await store.entraLinks.link(org.id, ann.id, { tenantId: TENANT, objectId: OID_A });
    expect(await store.entraLinks.link(org.id, ann.id, { tenantId: NEW_TENANT, objectId: OID_B })).toBe(true);
    expect(await store.entraLinks.findAccount(org.id, { tenantId: NEW_TENANT, objectId: OID_B })).toBe(ann.id);
    expect(await store.entraLinks.findAccount(org.id, { tenantId: TENANT, objectId: OID_A })).toBeNull();
  });
});
