/**
 * Store contract: forwards (files carried by several messages, the chain of what a forward forwards), a pro's
 * clients, and finding abandoned uploads. Runs on PGlite and, when TEST_DATABASE_URL is set, on the PostgreSQL
 * server; a MongoDB adapter must pass the same suite.
 */
import { randomUUID } from 'node:crypto';
import type { NewFile, Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('forwards, clients and abandoned uploads on %s', (kind) => {
  let store: Store;
  let orgId: string;
  let otherOrgId: string;
  const people: Record<'pro' | 'colleague' | 'client' | 'otherClient', string> = { pro: '', colleague: '', client: '', otherClient: '' };
  beforeAll(async () => {
    store = await openTestStore(kind);
    orgId = (await store.organizations.create({ name: 'Clinic' })).id;
    otherOrgId = (await store.organizations.create({ name: 'Other' })).id;
    for (const [who, type] of [['pro', 'pro'], ['colleague', 'pro'], ['client', 'guest'], ['otherClient', 'guest']] as const) {
      people[who] = (await store.accounts.create({ email: `${who}-${randomUUID()}@clinic.example`, name: who, passwordHash: null })).id;
      await store.memberships.create({ organizationId: orgId, accountId: people[who], type, status: 'active' });
    }
  });
  afterAll(async () => {
    await store.close();
  });

  async function message(from: string, to: string[], extra: { forwardedFrom?: string; organizationId?: string } = {}): Promise<string> {
    const id = randomUUID();
    await store.messages.create({
      id, organizationId: extra.organizationId ?? orgId, threadId: id, inReplyTo: null, senderId: from, dataKeyId: 'k1', dataKey: 'w',
      subjectSealed: 's', bodySealed: 'b', deliveredByClient: false, idempotencyKey: null, requestHash: null, expiresAt: null,
      forwardedFrom: extra.forwardedFrom ?? null,
    });
    await store.messages.addRecipients(id, to.map((accountId) => ({ accountId, kind: 'to' as const, notified: true })));
    return id;
  }

  const newFile = (size: number, overrides: Partial<NewFile> = {}): NewFile => ({
    id: randomUUID(), organizationId: orgId, uploaderId: people.pro, nameSealed: 'n', contentType: 'application/pdf', size,
    dataKeyId: 'k1', dataKey: 'w', blobKey: randomUUID().replace(/-/g, ''), ...overrides,
  });

  test('when a file is attached and then forwarded, then both messages carry it, origin first, in their organization only', async () => {
    const file = await store.files.create(newFile(0));
    const original = await message(people.client, [people.pro]);
    expect(await store.files.attach(orgId, [file.id], original)).toBe(1);
    const forward = await message(people.pro, [people.colleague], { forwardedFrom: original });
    expect(await store.files.link(orgId, [file.id], forward)).toBe(1);
    expect(await store.files.link(orgId, [file.id], forward)).toBe(0);
    expect(await store.files.carriers(orgId, file.id)).toEqual([original, forward]);
    expect(await store.files.carriers(otherOrgId, file.id)).toEqual([]);
    expect((await store.files.listForMessage(orgId, forward)).map((f) => [f.id, f.messageId])).toEqual([[file.id, original]]);
    expect(await store.files.listForMessage(otherOrgId, forward)).toEqual([]);
    // an upload nobody sent cannot be linked: forwards carry only what was sent
    const unsent = await store.files.create(newFile(0));
    expect(await store.files.link(orgId, [unsent.id], forward)).toBe(0);
  });

  test('when a message is stored, then its time is kept to the millisecond, as the list cursors carry it', async () => {
    const ids = [await message(people.client, [people.pro]), await message(people.client, [people.pro])];
    const rows = await store.db.query<{ sub_ms: number }>(
      'SELECT (extract(microseconds FROM created_at)::bigint % 1000)::int AS sub_ms FROM messages WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(rows.map((r) => r.sub_ms)).toEqual([0, 0]);
  });

  test('when forwards are forwarded, then the chain of sources comes nearest first, within the organization', async () => {
    const original = await message(people.client, [people.pro]);
    const first = await message(people.pro, [people.colleague], { forwardedFrom: original });
    const second = await message(people.colleague, [people.pro], { forwardedFrom: first });
    expect((await store.messages.forwardSources(orgId, second)).map((m) => m.id)).toEqual([first, original]);
    expect((await store.messages.findById(orgId, second))?.forwardedFrom).toBe(first);
    expect(await store.messages.forwardSources(orgId, original)).toEqual([]);
    expect(await store.messages.forwardSources(otherOrgId, second)).toEqual([]);
  });

  test("when a pro's clients are listed, then guests they exchanged messages with still in view appear, newest exchange first", async () => {
    const pro = (await store.accounts.create({ email: `p-${randomUUID()}@clinic.example`, name: 'Fresh Pro', passwordHash: null })).id;
    await store.memberships.create({ organizationId: orgId, accountId: pro, type: 'pro', status: 'active' });
    const sent = await message(pro, [people.client, people.colleague]);
    const received = await message(people.otherClient, [pro]);
    const answered = await message(pro, [people.otherClient]);
    const list = await store.clients.listForPro(orgId, pro, { limit: 10 });
    expect(list.map((c) => [c.accountId, c.messageCount])).toEqual([[people.otherClient, 2], [people.client, 1]]);
    expect(await store.clients.listForPro(otherOrgId, pro, { limit: 10 })).toEqual([]);
    const next = await store.clients.listForPro(orgId, pro, { limit: 1, after: { lastExchangeAt: list[0]!.lastExchangeAt, accountId: list[0]!.accountId } });
    expect(next.map((c) => c.accountId)).toEqual([people.client]);
    expect((await store.clients.listForPro(orgId, pro, { limit: 10, search: 'OTHER' })).map((c) => c.accountId)).toEqual([people.otherClient]);
    expect((await store.messages.exchangedWith(orgId, pro, people.otherClient, { limit: 10 })).map((m) => m.id)).toEqual([answered, received]);

    await store.messages.deleteForSender(orgId, answered, pro);
    await store.messages.deleteForRecipient(received, pro);
    expect(await store.clients.findForPro(orgId, pro, people.otherClient)).toBeNull();
    expect(await store.clients.findForPro(orgId, pro, people.client)).toMatchObject({ messageCount: 1 });
    expect((await store.messages.recipientsOf([sent])).map((r) => r.accountId).sort()).toEqual([people.client, people.colleague].sort());
  });

  test('when uploads are abandoned, then they are listed by idle time and removed only while still unsent and idle', async () => {
    const idle = await store.files.create(newFile(10));
    const sentMeanwhile = await store.files.create(newFile(0));
    const later = new Date(Date.now() + 60_000);
    const found = (await store.files.listAbandoned(later, 1000)).map((f) => f.id);
    expect(found).toEqual(expect.arrayContaining([idle.id, sentMeanwhile.id]));
    expect(await store.files.listAbandoned(new Date(Date.now() - 60_000), 1000)).not.toContainEqual(expect.objectContaining({ id: idle.id }));

    await store.files.attach(orgId, [sentMeanwhile.id], await message(people.pro, [people.client]));
    expect(await store.files.removeAbandoned(orgId, sentMeanwhile.id, later)).toBe(false);
    expect(await store.files.removeAbandoned(otherOrgId, idle.id, later)).toBe(false);
    expect(await store.files.removeAbandoned(orgId, idle.id, new Date(Date.now() - 60_000))).toBe(false);
    expect(await store.files.removeAbandoned(orgId, idle.id, later)).toBe(true);
    expect(await store.files.findById(orgId, idle.id)).toBeNull();
    expect(await store.files.findById(orgId, sentMeanwhile.id)).not.toBeNull();
  });
});
