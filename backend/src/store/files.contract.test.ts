/**
 * Store contract: files. Runs on PGlite and, when TEST_DATABASE_URL is set, on the PostgreSQL server; a MongoDB
 * adapter must pass the same suite.
 */
import { randomUUID } from 'node:crypto';
import type { NewFile, Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('file repository on %s', (kind) => {
  let store: Store;
  let orgId: string;
  let otherOrgId: string;
  let uploaderId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    orgId = (await store.organizations.create({ name: 'Clinic' })).id;
    otherOrgId = (await store.organizations.create({ name: 'Other' })).id;
    uploaderId = (await store.accounts.create({ email: `up-${randomUUID()}@clinic.example`, name: 'Up', passwordHash: null })).id;
  });
  afterAll(async () => {
    await store.close();
  });

  const newFile = (size: number, overrides: Partial<NewFile> = {}): NewFile => ({
    id: randomUUID(),
    organizationId: orgId,
    uploaderId,
    nameSealed: 'sealed-name',
    contentType: 'application/pdf',
    size,
    dataKeyId: 'k1',
    dataKey: 'wrapped',
    blobKey: randomUUID().replace(/-/g, ''),
    ...overrides,
  });

  async function newMessage(): Promise<string> {
    const id = randomUUID();
    await store.messages.create({
      id, organizationId: orgId, threadId: id, inReplyTo: null, senderId: uploaderId, dataKeyId: 'k1', dataKey: 'w',
      subjectSealed: 's', bodySealed: 'b', deliveredByClient: false, idempotencyKey: null, requestHash: null, expiresAt: null,
    });
    return id;
  }

  test('when a file is created, then it is found in its organization only, at offset 0, sizes as numbers', async () => {
    const input = newFile(6_000_000_000);
    const file = await store.files.create(input);
    expect(file).toMatchObject({ ...input, messageId: null, received: 0, status: 'uploading', completedAt: null });
    expect(file.createdAt).toBeInstanceOf(Date);
    expect(await store.files.findById(orgId, input.id)).toEqual(file);
    expect(await store.files.findById(otherOrgId, input.id)).toBeNull();
  });

  test('when an empty file is created, then it is complete at once', async () => {
    const file = await store.files.create(newFile(0));
    expect(file.status).toBe('complete');
    expect(file.completedAt).toBeInstanceOf(Date);
  });

  test('when the offset advances, then only from the stored offset, never past the size, and it completes at the size', async () => {
    const file = await store.files.create(newFile(300));
    expect(await store.files.advance(orgId, file.id, 10, 100)).toBeNull();
    expect(await store.files.advance(orgId, file.id, 0, 301)).toBeNull();
    expect(await store.files.advance(orgId, file.id, 0, 0)).toBeNull();
    expect(await store.files.advance(otherOrgId, file.id, 0, 100)).toBeNull();
    expect(await store.files.advance(orgId, file.id, 0, 100)).toMatchObject({ received: 100, status: 'uploading' });
    const done = await store.files.advance(orgId, file.id, 100, 300);
    expect(done).toMatchObject({ received: 300, status: 'complete' });
    expect(done?.completedAt).toBeInstanceOf(Date);
    expect(await store.files.advance(orgId, file.id, 300, 300)).toBeNull();
  });

  test('when files are attached, then only complete, unattached ones of the organization are, and they list by message', async () => {
    const a = await store.files.create(newFile(0));
    const b = await store.files.create(newFile(0));
    const unfinished = await store.files.create(newFile(5));
    const elsewhere = await store.files.create(newFile(0, { organizationId: otherOrgId }));
    const messageId = await newMessage();
    const attached = await store.transaction(async (tx) => {
      const locked = await tx.files.findForUpdate(orgId, [a.id, b.id, unfinished.id, elsewhere.id]);
      expect(locked.map((f) => f.id).sort()).toEqual([a.id, b.id, unfinished.id].sort());
      return tx.files.attach(orgId, [a.id, b.id, unfinished.id, elsewhere.id], messageId);
    });
    expect(attached).toBe(2);
    expect(await store.files.attach(orgId, [a.id], await newMessage())).toBe(0);
    expect((await store.files.listForMessage(orgId, messageId)).map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
    expect(await store.files.listForMessage(otherOrgId, messageId)).toEqual([]);
    expect(await store.files.findForUpdate(orgId, [])).toEqual([]);
  });

  test('when the organization limit is read, then it is the 5 GB default as a number', async () => {
    expect(await store.files.maxFileBytes(orgId)).toBe(5_000_000_000);
    await expect(store.files.maxFileBytes(randomUUID())).rejects.toThrow();
  });
});
