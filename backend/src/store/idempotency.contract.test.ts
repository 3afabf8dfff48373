/**
 * Store contract: a sender's Idempotency-Key holds one message. A second message under the same key is refused
 * as UniqueConflict (never a database error code), inside a transaction too; messages without a key never clash.
 * Runs on PGlite and, when TEST_DATABASE_URL is set, on the PostgreSQL server.
 */
import { randomUUID } from 'node:crypto';
import { UniqueConflict, type NewMessage, type Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('idempotency keys of messages on %s', (kind) => {
  let store: Store;
  let orgId: string;
  let senderId: string;
  let otherSenderId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    orgId = (await store.organizations.create({ name: 'Clinic' })).id;
    for (const who of ['sender', 'other'] as const) {
      const id = (await store.accounts.create({ email: `${who}-${randomUUID()}@clinic.example`, name: who, passwordHash: null })).id;
      await store.memberships.create({ organizationId: orgId, accountId: id, type: 'pro', status: 'active' });
      if (who === 'sender') senderId = id;
      else otherSenderId = id;
    }
  });
  afterAll(async () => {
    await store.close();
  });

  const message = (idempotencyKey: string | null, from = senderId): NewMessage => {
    const id = randomUUID();
    return { id, organizationId: orgId, threadId: id, inReplyTo: null, senderId: from, dataKeyId: 'k1', dataKey: 'w', subjectSealed: 's',
      bodySealed: 'b', deliveredByClient: false, idempotencyKey, requestHash: idempotencyKey && 'h', expiresAt: null, forwardedFrom: null };
  };

  test('when a sender uses one key twice, then the second is a UniqueConflict and the first stays the one found', async () => {
    const first = await store.messages.create(message('key-twice'));
    const refused = await store.messages.create(message('key-twice')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UniqueConflict);
    expect((refused as UniqueConflict).index).toBe('messages_idempotency');
    expect((await store.messages.findByIdempotencyKey(orgId, senderId, 'key-twice'))?.id).toBe(first.id);
  });

  test('when the second use is inside a transaction, then the conflict comes out of it and nothing of it is kept', async () => {
    await store.messages.create(message('key-in-tx'));
    const second = message('key-in-tx');
    const refused = await store.transaction(async (tx) => tx.messages.create(second)).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UniqueConflict);
    expect(await store.messages.findById(orgId, second.id)).toBeNull();
  });

  test('when two senders use the same key, or messages carry none, then nothing clashes', async () => {
    await store.messages.create(message('shared-key'));
    await expect(store.messages.create(message('shared-key', otherSenderId))).resolves.toMatchObject({ idempotencyKey: 'shared-key' });
    await store.messages.create(message(null));
    await expect(store.messages.create(message(null))).resolves.toMatchObject({ idempotencyKey: null });
  });
});
