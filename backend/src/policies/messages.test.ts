/**
 * Who may open a message (sender, recipients, and not once it or what it forwards is closed), and who may recall,
 * forward, shorten an expiry or write to anyone; each refusal with its code, sentence and the facts it may tell.
 */
import { can } from './authorize';
import type { Unavailability } from './messages';
import { ACTOR_NAMES, actors } from './testing/actors';
import type { StoredMessage } from '../store';

const sentBy = (senderId: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({
  id: 'm1', organizationId: 'o1', threadId: 't1', inReplyTo: null, senderId, dataKeyId: 'k', dataKey: 'w', subjectSealed: 's',
  bodySealed: 'b', deliveredByClient: false, idempotencyKey: null, requestHash: null, createdAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: null, recalledAt: null, recalledBy: null, recallReasonSealed: null, senderDeletedAt: null, forwardedFrom: null, noForwarding: false, ...extra,
});
const recalled = (message: StoredMessage, inherited: boolean): Unavailability => ({
  reason: 'recalled', message: { ...message, recalledAt: new Date('2026-02-03T10:00:00Z') }, inherited, recalledByName: 'Pat Pro',
  recallReason: inherited ? null : 'Sent in error',
});
const asRecipient = { deletedAt: null };

test('when the sender or a recipient opens an open message, then they may; anyone else is told it was not found', () => {
  const message = sentBy('pro');
  expect(can(actors.pro, 'messages.open', { message, recipient: null, unavailable: [] })).toEqual({ allowed: true });
  expect(can(actors.guest, 'messages.open', { message, recipient: asRecipient, unavailable: [] })).toEqual({ allowed: true });
  const stranger = { allowed: false, code: 'not_found', sentence: 'That message was not found.' };
  expect(can(actors.admin, 'messages.open', { message, recipient: null, unavailable: [] })).toEqual(stranger);
  expect(can(actors.guest, 'messages.open', { message, recipient: { deletedAt: new Date() }, unavailable: [] })).toEqual(stranger);
  expect(can(actors.pro, 'messages.open', { message: sentBy('pro', { senderDeletedAt: new Date() }), recipient: null, unavailable: [] })).toEqual(stranger);
  expect(can(actors.pro, 'messages.open', { message: null, recipient: null, unavailable: [] })).toEqual(stranger);
});

test('when a message was recalled, then its recipients are told by whom, when and why, and its sender still opens it', () => {
  const message = sentBy('pro');
  const unavailable = [recalled(message, false)];
  expect(can(actors.guest, 'messages.open', { message, recipient: asRecipient, unavailable })).toEqual({
    allowed: false,
    code: 'message_recalled',
    sentence: 'Recalled by Pat Pro on 2026-02-03. Reason: Sent in error',
    details: { recalledBy: 'Pat Pro', recalledAt: '2026-02-03T10:00:00.000Z', reason: 'Sent in error', forwarded: false, threadId: 't1' },
  });
  expect(can(actors.pro, 'messages.open', { message, recipient: null, unavailable })).toEqual({ allowed: true });
});

test('when the message a forward carries was recalled or expired, then the forward is closed to all but whoever sent that original', () => {
  const original = sentBy('admin');
  const forward = sentBy('pro', { id: 'm2', forwardedFrom: 'm1' });
  const unavailable = [recalled(original, true)];
  expect(can(actors.userManager, 'messages.open', { message: forward, recipient: asRecipient, unavailable })).toMatchObject({
    code: 'message_recalled',
    sentence: 'The message this one forwards was recalled by Pat Pro on 2026-02-03, so this one can no longer be opened either.',
    details: { reason: null, forwarded: true },
  });
  expect(can(actors.pro, 'messages.open', { message: forward, recipient: null, unavailable })).toMatchObject({ code: 'message_recalled' });
  const expired: Unavailability = { reason: 'expired', message: { ...original, expiresAt: new Date('2026-03-01T00:00:00Z') }, inherited: true, recalledByName: null, recallReason: null };
  expect(can(actors.userManager, 'messages.open', { message: forward, recipient: asRecipient, unavailable: [expired] })).toEqual({
    allowed: false,
    code: 'message_expired',
    sentence: 'The message this one forwards expired on 2026-03-01, so this one can no longer be opened either.',
    details: { expiredAt: '2026-03-01T00:00:00.000Z', forwarded: true, threadId: 't1' },
  });
  expect(can(actors.admin, 'messages.open', { message: forward, recipient: asRecipient, unavailable: [expired] })).toEqual({ allowed: true });
});

test('when someone changes a message after sending, then only its sender may; to anyone else it does not exist', () => {
  expect(can(actors.pro, 'messages.changeAfterSending', sentBy('pro'))).toEqual({ allowed: true });
  expect(can(actors.admin, 'messages.changeAfterSending', sentBy('pro'))).toEqual({ allowed: false, code: 'not_found', sentence: 'That message was not found.' });
});

test('when each standing recalls, forwards, shortens an expiry or writes to anyone, then only active pros may', () => {
  for (const action of ['messages.recall', 'messages.forward', 'messages.shortenExpiry', 'messages.writeToAnyone'] as const) {
    expect([action, ACTOR_NAMES.filter((n) => can(actors[n], action).allowed)]).toEqual([action, ['admin', 'userManager', 'pro']]);
  }
  expect(can(actors.guest, 'messages.recall')).toEqual({ allowed: false, code: 'forbidden', sentence: 'Only pros can recall messages.' });
  expect(can(actors.guest, 'messages.forward')).toEqual({
    allowed: false,
    code: 'guest_cannot_forward',
    sentence: 'Only staff can forward messages. Reply to the conversation instead.',
  });
});

test('when a guest changes the expiry of its message, then later or none is allowed and sooner is refused as a recall', () => {
  const message = { expiresAt: new Date('2026-05-01T00:00:00Z') };
  expect(can(actors.guest, 'messages.changeExpiry', { message, next: new Date('2026-06-01T00:00:00Z') })).toEqual({ allowed: true });
  expect(can(actors.guest, 'messages.changeExpiry', { message, next: null })).toEqual({ allowed: true });
  expect(can(actors.guest, 'messages.changeExpiry', { message: { expiresAt: null }, next: new Date('2026-06-01T00:00:00Z') })).toMatchObject({ code: 'forbidden' });
  expect(can(actors.guest, 'messages.changeExpiry', { message, next: new Date('2026-04-01T00:00:00Z') })).toEqual({
    allowed: false,
    code: 'forbidden',
    sentence: 'Only staff can shorten how long a message can be opened, as that works like a recall. You can choose a later moment, or clear the expiry.',
  });
  expect(can(actors.pro, 'messages.changeExpiry', { message, next: new Date('2026-04-01T00:00:00Z') })).toEqual({ allowed: true });
});

test('when a guest writes to people outside the organization\'s pros, then it is guest_compose_limit naming whom to remove', () => {
  expect(can(actors.guest, 'messages.writeTo', { outside: [] })).toEqual({ allowed: true });
  expect(can(actors.guest, 'messages.writeTo', { outside: ['a@example.com', 'b@example.com'] })).toEqual({
    allowed: false,
    code: 'guest_compose_limit',
    sentence: "As a guest you can write only to the organization's members who are pros, or reply to a conversation. Remove: a@example.com, b@example.com.",
    details: { recipients: ['a@example.com', 'b@example.com'] },
  });
});

test('when someone recalls a message, then its sender (a pro) and any admin of the organization may; others are told it was not found', () => {
  const message = sentBy('pro');
  expect(can(actors.pro, 'messages.recallMessage', message)).toEqual({ allowed: true });
  expect(can(actors.admin, 'messages.recallMessage', message)).toEqual({ allowed: true });
  expect(can(actors.admin, 'messages.recallMessage', sentBy('guest'))).toEqual({ allowed: true });
  expect(can(actors.userManager, 'messages.recallMessage', message)).toMatchObject({ code: 'not_found' });
  expect(can(actors.guest, 'messages.recallMessage', message)).toMatchObject({ code: 'forbidden', sentence: 'Only pros can recall messages.' });
  expect(can(actors.guest, 'messages.recallMessage', sentBy('guest'))).toMatchObject({ code: 'forbidden' });
  expect(can(actors.admin, 'messages.recallMessage', null)).toMatchObject({ code: 'not_found' });
  expect(can(actors.userManager, 'messages.recallAny')).toMatchObject({ code: 'forbidden', sentence: "You need the admin role to recall other people's messages." });
});

test('when a message is marked "no forwarding", then only its sender may forward it', () => {
  const marked = sentBy('admin', { noForwarding: true });
  expect(can(actors.pro, 'messages.forwardMessage', marked)).toMatchObject({ allowed: false, code: 'forwarding_disabled' });
  expect(can(actors.admin, 'messages.forwardMessage', marked)).toEqual({ allowed: true });
  expect(can(actors.pro, 'messages.forwardMessage', sentBy('admin'))).toEqual({ allowed: true });
  expect(can(actors.guest, 'messages.forwardMessage', sentBy('admin'))).toMatchObject({ code: 'guest_cannot_forward' });
});
