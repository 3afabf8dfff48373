/** Sending, forwarding, listing, reading, recalling and deleting messages, and whole threads. */
import type { Request } from 'express';
import { z } from 'zod';
import { forwardMessage } from '../../commands/messageForwarder';
import { deleteFromView, recallMessage, setMessageExpiry } from '../../commands/messageManager';
import { listMessages, openMessage, threadOf } from '../../commands/messageReader';
import { sendMessage } from '../../commands/messageSender';
import { errors } from '../../errors';
import { defineRoute } from '../../http/route';
import { decodeTimeCursor, encodeTimeCursor } from '../../http/timeCursor';
import { messageSchema, messageSummarySchema, presentMessage, presentSummary, presentThreadMessage, threadMessageSchema } from '../../presenters/messages';
import { expiryBody, forwardBody, idempotencyKey, listQuery, messageParams, recallBody, sendBody, threadParams, threadQuery } from './schema';


function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  const key = header === undefined ? undefined : idempotencyKey.safeParse(header);
  if (key && !key.success) throw errors.validation('The Idempotency-Key header must be 8–200 letters, digits or . _ : -.', [{ path: 'Idempotency-Key' }]);
  return key?.data;
}

/** The `before` cursor of message lists, as the store's keyset position. */
export function createdBefore(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  const position = decodeTimeCursor(cursor, 'before');
  return position && { createdAt: position.at, id: position.id };
}

export const messageRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/messages',
    tag: 'messages',
    summary: 'Send a message: new recipients must be listed in confirmedInvitations; the same Idempotency-Key and body return the first message.',
    auth: 'session',
    body: sendBody,
    response: {
      status: 201,
      schema: z.object({ id: z.string().uuid(), threadId: z.string().uuid(), portalUrl: z.string(), invited: z.array(z.string()), replayed: z.boolean() }),
      description: 'Stored encrypted; emails queued. 200 with replayed=true for a repeated request.',
    },
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
  defineRoute({
    method: 'post',
    path: '/api/v1/messages/:messageId/forward',
    tag: 'messages',
    summary: 'Forward a message you can read, with its files and an optional note, to colleagues (pros of this organization).',
    auth: 'session',
    params: messageParams,
    body: forwardBody,
    response: {
      status: 201,
      schema: z.object({ id: z.string().uuid(), threadId: z.string().uuid(), portalUrl: z.string(), files: z.number().int(), replayed: z.boolean() }),
      description: 'The forward: a new conversation. Its files are the original ones; recalling the original stops them. 200 with replayed=true for a repeated request.',
    },
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
  defineRoute({
    method: 'get',
    path: '/api/v1/messages',
    tag: 'messages',
    summary: 'Inbox or sent messages, newest first, with search in sender and subject.',
    auth: 'session',
    query: listQuery,
    response: { status: 200, schema: z.object({ messages: z.array(messageSummarySchema), next: z.string().nullable() }), description: 'A page.' },
    errors: ['rate_limited'],
    async handler({ actor, query, deps }) {
      const views = await listMessages(deps, actor, { box: query.box, limit: query.limit, before: createdBefore(query.before), search: query.q });
      const messages = views.map(presentSummary);
      const last = messages[messages.length - 1];
      return { messages, next: messages.length === query.limit && last ? encodeTimeCursor(last.sentAt, last.id) : null };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/messages/:messageId',
    tag: 'messages',
    summary: 'Open a message (recorded as a read receipt for its sender).',
    auth: 'session',
    params: messageParams,
    response: { status: 200, schema: messageSchema, description: 'The message.' },
    errors: ['not_found', 'message_recalled', 'message_expired'],
    async handler({ actor, params, deps }) {
      return presentMessage(await openMessage(deps, actor, params.messageId));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/threads/:threadId',
    tag: 'messages',
    summary: 'The latest messages of a conversation that you sent or received; `earlier` pages back.',
    auth: 'session',
    params: threadParams,
    query: threadQuery,
    response: {
      status: 200,
      schema: z.object({
        messages: z.array(threadMessageSchema),
        earlier: z.string().nullable().describe('Cursor for the messages before these (pass it as `before`), or null at the start.'),
      }),
      description: 'A page of the conversation, oldest first.',
    },
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
  defineRoute({
    method: 'post',
    path: '/api/v1/messages/:messageId/recall',
    tag: 'messages',
    summary: 'Recall your message: from now on no recipient can open it or its files.',
    auth: 'session',
    params: messageParams,
    body: recallBody,
    response: { status: 204, description: 'Recalled.' },
    errors: ['not_found', 'forbidden', 'already_recalled'],
    async handler({ actor, params, body, deps }) {
      await recallMessage(deps, actor, params.messageId, body.reason);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/messages/:messageId',
    tag: 'messages',
    summary: 'Set, change or clear the expiry of your message (a future time); guests may only make it later.',
    auth: 'session',
    params: messageParams,
    body: expiryBody,
    response: { status: 204, description: 'Saved.' },
    errors: ['not_found', 'forbidden', 'invalid_request'],
    async handler({ actor, params, body, deps }) {
      await setMessageExpiry(deps, actor, params.messageId, body.expiresAt ? new Date(body.expiresAt) : null);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/messages/:messageId',
    tag: 'messages',
    summary: "Delete a message from your own view; the other side's copy stays.",
    auth: 'session',
    params: messageParams,
    response: { status: 204, description: 'Gone from your view.' },
    errors: ['not_found'],
    async handler({ actor, params, deps }) {
      await deleteFromView(deps, actor, params.messageId);
    },
  }),
];
