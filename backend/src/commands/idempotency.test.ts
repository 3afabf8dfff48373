/**
 * One write per Idempotency-Key, on a real store: a repeat answers with the first result, a different request
 * under a used key is 409, and a write that loses the race for its key answers with the winner's message.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { NewMessage, Store, StoredMessage } from '../store';
import { openTestStore } from '../store/testing/testStore';
import { writeOnce } from './idempotency';

let store: Store;
let orgId: string;
let senderId: string;
beforeAll(async () => {
  store = await openTestStore();
  orgId = (await store.organizations.create({ name: 'Clinic' })).id;
  senderId = (await store.accounts.create({ email: `sender-${randomUUID()}@clinic.example`, name: 'Sender', passwordHash: null })).id;
  await store.memberships.create({ organizationId: orgId, accountId: senderId, type: 'pro', status: 'active' });
});
afterAll(async () => {
  await store.close();
});

const message = (idempotencyKey: string | null, requestHash: string): NewMessage => {
  const id = randomUUID();
  return { id, organizationId: orgId, threadId: id, inReplyTo: null, senderId, dataKeyId: 'k1', dataKey: 'w', subjectSealed: 's',
    bodySealed: 'b', deliveredByClient: false, idempotencyKey, requestHash, expiresAt: null, forwardedFrom: null };
};

/** A send as the commands make it: the message is written in a transaction; a replay is marked as one. */
function send(key: string | undefined, requestHash: string, beforeWrite: () => Promise<unknown> = async () => {}) {
  let writes = 0;
  const result = writeOnce(
    {
      key,
      requestHash,
      findEarlier: (k) => store.messages.findByIdempotencyKey(orgId, senderId, k),
      replay: (earlier: StoredMessage) => ({ message: earlier, replayed: true }),
    },
    async () => {
      writes += 1;
      await beforeWrite();
      return store.transaction(async (tx) => ({ message: await tx.messages.create(message(key ?? null, requestHash)), replayed: false }));
    },
  );
  return result.then((r) => ({ ...r, writes }));
}

test('when a request is repeated with its key, then the first message comes back and nothing is written again', async () => {
  const first = await send('repeat-key', 'hash-a');
  const again = await send('repeat-key', 'hash-a');
  expect([first.replayed, first.writes]).toEqual([false, 1]);
  expect([again.replayed, again.writes, again.message.id]).toEqual([true, 0, first.message.id]);
});

test('when a used key comes with a different request, then it is 409 idempotency_conflict', async () => {
  await send('reused-key', 'hash-a');
  const refused = await send('reused-key', 'hash-b').catch((err: unknown) => err);
  expect(refused).toBeInstanceOf(AppError);
  expect([(refused as AppError).status, (refused as AppError).code]).toEqual([409, 'idempotency_conflict']);
});

test('when another request takes the key between the first look and the write, then the loser answers with the winner', async () => {
  let winner: StoredMessage | undefined;
  const loser = await send('raced-key', 'hash-a', async () => {
    winner = await store.messages.create(message('raced-key', 'hash-a'));
  });
  expect([loser.replayed, loser.writes, loser.message.id]).toEqual([true, 1, winner!.id]);
});

test('when the racing winner sent something else under the key, then the loser is 409, not a second message', async () => {
  const refused = await send('raced-other', 'hash-a', () => store.messages.create(message('raced-other', 'hash-b'))).catch((err: unknown) => err);
  expect((refused as AppError).code).toBe('idempotency_conflict');
});

test('when there is no key, then every request writes', async () => {
  const results = [await send(undefined, 'hash-a'), await send(undefined, 'hash-a')];
  expect(results.map((r) => [r.replayed, r.writes])).toEqual([[false, 1], [false, 1]]);
  expect(results[0]!.message.id).not.toBe(results[1]!.message.id);
});
