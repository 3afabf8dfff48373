/** Sending, forwarding, listing, reading, recalling and deleting messages, and whole threads. */
import { forwardMessage } from '../../commands/messageForwarder';
import { deleteFromView, recallMessage, setMessageExpiry } from '../../commands/messageManager';
import { listMessages, openMessage, threadOf } from '../../commands/messageReader';
import { sendMessage } from '../../commands/messageSender';
import { contract } from '../../contract';
import { errors } from '../../errors';
import { idempotencyKeyOf } from '../../http/idempotencyKey';
import { defineRoute } from '../../http/route';
import { decodeTimeCursor, encodeTimeCursor } from '../../http/timeCursor';
import { presentMessage, presentSummary, presentThreadMessage } from '../../presenters/messages';

/** The `before` cursor of message lists, as the store's keyset position. */
export function createdBefore(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  const position = decodeTimeCursor(cursor, 'before');
  return position && { createdAt: position.at, id: position.id };
}

export const messageRoutes = [
  defineRoute(contract.messages.send, {
    tag: 'messages',
    summary: 'Send a message: new recipients must be listed in confirmedInvitations; the same Idempotency-Key and body return the first message. An API token with the messages:send scope sends as the pro it names.',
    auth: 'session',
    apiTokenScope: 'messages:send',
    errors: ['unconfirmed_recipients', 'invalid_recipients', 'recipients_cannot_receive', 'guest_compose_limit', 'idempotency_conflict', 'no_recipients', 'sending_limited'],
    async handler({ actor, body, req, res, deps }) {
      const result = await sendMessage(deps, actor, body, idempotencyKeyOf(req));
      if (result.replayed) res.locals.status = 200;
      return {
        id: result.message.id,
        threadId: result.message.threadId,
        portalUrl: `${deps.config.publicUrl}/portal/messages/${result.message.id}`,
        invited: result.invited,
        replayed: result.replayed,
      };
    },
  }),
  defineRoute(contract.messages.forward, {
    tag: 'messages',
    summary: 'Forward a message you can read, with its files and an optional note, to colleagues (pros of this organization).',
    auth: 'session',
    errors: ['not_found', 'message_recalled', 'message_expired', 'message_unavailable', 'guest_cannot_forward', 'forward_to_pros_only', 'invalid_recipients', 'no_recipients', 'idempotency_conflict', 'sending_limited'],
    async handler({ actor, params, body, req, res, deps }) {
      const result = await forwardMessage(deps, actor, params.messageId, body, idempotencyKeyOf(req));
      if (result.replayed) res.locals.status = 200;
      return {
        id: result.message.id,
        threadId: result.message.threadId,
        portalUrl: `${deps.config.publicUrl}/portal/messages/${result.message.id}`,
        files: result.files,
        replayed: result.replayed,
      };
    },
  }),
  defineRoute(contract.messages.list, {
    tag: 'messages',
    summary: 'Inbox or sent messages, newest first, with search in sender and subject.',
    auth: 'session',
    errors: ['rate_limited'],
    async handler({ actor, query, deps }) {
      const views = await listMessages(deps, actor, { box: query.box, limit: query.limit, before: createdBefore(query.before), search: query.q });
      const messages = views.map(presentSummary);
      const last = messages[messages.length - 1];
      return { messages, next: messages.length === query.limit && last ? encodeTimeCursor(last.sentAt, last.id) : null };
    },
  }),
  defineRoute(contract.messages.open, {
    tag: 'messages',
    summary: 'Open a message (recorded as a read receipt for its sender).',
    auth: 'session',
    errors: ['not_found', 'message_recalled', 'message_expired'],
    async handler({ actor, params, deps }) {
      return presentMessage(await openMessage(deps, actor, params.messageId));
    },
  }),
  defineRoute(contract.messages.thread, {
    tag: 'messages',
    summary: 'The latest messages of a conversation that you sent or received; `earlier` pages back.',
    auth: 'session',
    errors: ['not_found'],
    async handler({ actor, params, query, deps }) {
      const views = await threadOf(deps, actor, params.threadId, { before: createdBefore(query.before), limit: query.limit });
      if (!views.length && !query.before) throw errors.notFound('That conversation');
      const oldest = views[0];
      return {
        messages: views.map(presentThreadMessage),
        earlier: views.length === query.limit && oldest ? encodeTimeCursor(oldest.listing.createdAt.toISOString(), oldest.listing.id) : null,
      };
    },
  }),
  defineRoute(contract.messages.recall, {
    tag: 'messages',
    summary: 'Recall your message: from now on no recipient can open it or its files.',
    auth: 'session',
    errors: ['not_found', 'forbidden', 'already_recalled'],
    async handler({ actor, params, body, deps }) {
      await recallMessage(deps, actor, params.messageId, body.reason);
    },
  }),
  defineRoute(contract.messages.setExpiry, {
    tag: 'messages',
    summary: 'Set, change or clear the expiry of your message (a future time); guests may only make it later.',
    auth: 'session',
    errors: ['not_found', 'forbidden', 'invalid_request'],
    async handler({ actor, params, body, deps }) {
      await setMessageExpiry(deps, actor, params.messageId, body.expiresAt ? new Date(body.expiresAt) : null);
    },
  }),
  defineRoute(contract.messages.delete, {
    tag: 'messages',
    summary: "Delete a message from your own view; the other side's copy stays.",
    auth: 'session',
    errors: ['not_found'],
    async handler({ actor, params, deps }) {
      await deleteFromView(deps, actor, params.messageId);
    },
  }),
];
