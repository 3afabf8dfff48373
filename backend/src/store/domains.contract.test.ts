/**
 * Store contract: claimed domains. Runs on PGlite and, when TEST_DATABASE_URL is set, on the PostgreSQL server;
 * a MongoDB adapter must pass the same suite (including the one-verifier-per-domain rule).
 */
import { DomainTakenError, type Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('domain repository on %s', (kind) => {
  let store: Store;
  let n = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  async function organization() {
    n += 1;
    const org = await store.organizations.create({ name: `Org ${n}` });
    const admin = await store.accounts.create({ email: `admin${n}@org${n}.example`, name: 'Admin', passwordHash: null });
    return { org, admin };
  }

  test('when a domain is claimed twice by one organization, then the first claim comes back unchanged', async () => {
    const { org, admin } = await organization();
    const first = await store.domains.create({ organizationId: org.id, domain: 'harbor.example', verificationToken: 't1', createdBy: admin.id });
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({ organizationId: org.id, domain: 'harbor.example', verificationToken: 't1', createdBy: admin.id, verifiedAt: null });
    const again = await store.domains.create({ organizationId: org.id, domain: 'harbor.example', verificationToken: 't2', createdBy: null });
    expect(again).toEqual({ record: first.record, created: false });
    expect(await store.domains.listForOrganization(org.id)).toEqual([first.record]);
  });

  test('when claims are read, then only the owning organization sees or changes them', async () => {
    const a = await organization();
    const b = await organization();
    const { record } = await store.domains.create({ organizationId: a.org.id, domain: 'a-only.example', verificationToken: 't', createdBy: null });
    expect(await store.domains.findForOrganization(a.org.id, record.id)).toEqual(record);
    expect(await store.domains.findForOrganization(b.org.id, record.id)).toBeNull();
    expect(await store.domains.listForOrganization(b.org.id)).toEqual([]);
    expect(await store.domains.markVerified(b.org.id, record.id)).toBeNull();
    expect(await store.domains.remove(b.org.id, record.id)).toBeNull();
    expect((await store.domains.findForOrganization(a.org.id, record.id))?.verifiedAt).toBeNull();
  });

  test('when a claim is verified twice, then the first verification time is kept', async () => {
    const { org } = await organization();
    const { record } = await store.domains.create({ organizationId: org.id, domain: 'twice.example', verificationToken: 't', createdBy: null });
    const verified = await store.domains.markVerified(org.id, record.id);
    expect(verified?.verifiedAt).toBeInstanceOf(Date);
    const again = await store.domains.markVerified(org.id, record.id);
    expect(again?.verifiedAt).toEqual(verified?.verifiedAt);
  });

  test('when two organizations claim one domain, then both may claim it but only the first can verify it', async () => {
    const a = await organization();
    const b = await organization();
    const claimA = await store.domains.create({ organizationId: a.org.id, domain: 'contested.example', verificationToken: 'ta', createdBy: null });
    const claimB = await store.domains.create({ organizationId: b.org.id, domain: 'contested.example', verificationToken: 'tb', createdBy: null });
    expect(claimB.created).toBe(true);
    await store.domains.markVerified(a.org.id, claimA.record.id);
    await expect(store.domains.markVerified(b.org.id, claimB.record.id)).rejects.toBeInstanceOf(DomainTakenError);
    expect((await store.domains.findForOrganization(b.org.id, claimB.record.id))?.verifiedAt).toBeNull();
  });

  test('when verification loses the race inside a transaction, then DomainTakenError rolls the transaction back', async () => {
    const a = await organization();
    const b = await organization();
    const claimA = await store.domains.create({ organizationId: a.org.id, domain: 'raced.example', verificationToken: 'ta', createdBy: null });
    const claimB = await store.domains.create({ organizationId: b.org.id, domain: 'raced.example', verificationToken: 'tb', createdBy: null });
    await store.domains.markVerified(a.org.id, claimA.record.id);
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append({ organizationId: b.org.id, actorId: null, action: 'domain.verified', targetType: 'domain', targetId: claimB.record.id });
        await tx.domains.markVerified(b.org.id, claimB.record.id);
      }),
    ).rejects.toBeInstanceOf(DomainTakenError);
    expect(await store.audit.list(b.org.id)).toEqual([]);
  });

  test('when verified owners are asked for, then one query answers only verified domains with their organization', async () => {
    const a = await organization();
    const b = await organization();
    const verified = await store.domains.create({ organizationId: a.org.id, domain: 'owned-a.example', verificationToken: 't', createdBy: null });
    await store.domains.markVerified(a.org.id, verified.record.id);
    const ownedB = await store.domains.create({ organizationId: b.org.id, domain: 'owned-b.example', verificationToken: 't', createdBy: null });
    await store.domains.markVerified(b.org.id, ownedB.record.id);
    await store.domains.create({ organizationId: b.org.id, domain: 'pending-b.example', verificationToken: 't', createdBy: null });

    let queries = 0;
    store.db.onQuery = () => (queries += 1);
    const owners = await store.domains.verifiedOwners(['owned-a.example', 'owned-b.example', 'pending-b.example', 'unknown.example', 'owned-a.example']);
    store.db.onQuery = undefined;
    expect(queries).toBe(1);
    expect(owners).toEqual(new Map([['owned-a.example', a.org.id], ['owned-b.example', b.org.id]]));
    expect(await store.domains.verifiedOwners([])).toEqual(new Map());
  });

  test('when a verified claim is removed, then the domain is free for another organization to verify', async () => {
    const a = await organization();
    const b = await organization();
    const claimA = await store.domains.create({ organizationId: a.org.id, domain: 'released.example', verificationToken: 'ta', createdBy: null });
    await store.domains.markVerified(a.org.id, claimA.record.id);
    expect((await store.domains.remove(a.org.id, claimA.record.id))?.id).toBe(claimA.record.id);
    expect(await store.domains.findForOrganization(a.org.id, claimA.record.id)).toBeNull();
    const claimB = await store.domains.create({ organizationId: b.org.id, domain: 'released.example', verificationToken: 'tb', createdBy: null });
    expect((await store.domains.markVerified(b.org.id, claimB.record.id))?.verifiedAt).toBeInstanceOf(Date);
    expect(await store.domains.verifiedOwners(['released.example'])).toEqual(new Map([['released.example', b.org.id]]));
  });
});
