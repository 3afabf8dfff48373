/** Sending, forwarding, listing, reading, recalling and deleting messages, and whole threads. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, noteText, uuid } from './text';

const recipient = z.strictObject({ email: z.string().max(1000), displayName: displayText(300).optional() });
const recipientList = z.array(recipient).max(500).default([]);
/** A time in the past would end the message at once, which is a recall: that goes through recall and its notice. */
const futureTime = z.string().datetime().refine((at) => new Date(at) > new Date(), 'must be in the future');

/** The Idempotency-Key header of sends and forwards. */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'must be 8–200 letters, digits or . _ : -');

const unavailableSchema = z
  .object({
    reason: z.enum(['recalled', 'expired']),
    by: z.string().nullable(),
    at: z.string().datetime(),
    note: z.string().nullable(),
    forwarded: z.boolean().describe('true: it is the message this one forwards that was recalled or expired.'),
  })
  .nullable()
  .describe('Set when recalled or expired; recipients then get no subject or body.');

const kind = z.enum(['to', 'cc', 'bcc']);
const personSchema = z.object({ name: z.string(), email: z.string(), kind });

export const messageSummarySchema = z.object({
  id: uuid,
  threadId: uuid,
  subject: z.string().nullable(),
  from: z.object({ name: z.string(), email: z.string() }),
  sentAt: z.string().datetime(),
  unread: z.boolean(),
  attachments: z.number().int(),
  expiresAt: z.string().datetime().nullable(),
  unavailable: unavailableSchema,
  recipients: z.array(personSchema).describe('Who it was sent to, as far as the reader may know (Bcc only for its sender, and the Bcc recipient themselves).'),
  noForwarding: z.boolean().describe('Its recipients may not forward it; its sender still may.'),
});

const receiptSchema = z.object({ delivered: z.boolean(), firstOpenedAt: z.string().datetime().nullable(), lastOpenedAt: z.string().datetime().nullable(), opens: z.number().int() });

export const messageRecipientSchema = z.object({
  email: z.string(),
  name: z.string(),
  kind,
  receipt: receiptSchema.optional().describe("Only for the message's sender."),
});

/** A signature request on the message, as far as the reader takes part in it; GET /api/v1/signature-requests/{id} has the rest. */
const messageSignatureRequestSchema = z.object({
  id: uuid,
  fileId: uuid.describe('The document to sign, one of the files.'),
  status: z.enum(['open', 'completed', 'declined', 'voided', 'expired']),
  requester: z.boolean().describe('true: you asked for these signatures.'),
  yourStatus: z.enum(['sent', 'viewed', 'signed', 'declined']).nullable().describe('Where you stand as a signer; null when you do not sign.'),
  yourTurn: z.boolean().describe('true: you may sign now.'),
  completedFileId: uuid.nullable(),
});

const attachedFileSchema = z.object({ id: uuid, name: z.string(), size: z.number().int(), contentType: z.string() });

export const messageSchema = messageSummarySchema.omit({ recipients: true }).extend({
  html: z.string().nullable().describe('Sanitized HTML; render it in a sandbox.'),
  inReplyTo: uuid.nullable(),
  recipients: z.array(messageRecipientSchema),
  role: z.enum(['sender', 'recipient']),
  files: z.array(attachedFileSchema).describe('Download each from /api/v1/files/{id}/content.'),
  signatureRequests: z.array(messageSignatureRequestSchema).describe('Requests to sign its files that you asked for or are asked to sign, oldest first.'),
});

const threadMessageSchema = messageSummarySchema.extend({
  html: z.string().nullable(),
  truncated: z.boolean().describe('true: the body did not fit in this answer; GET /api/v1/messages/{id} opens it.'),
});

const messageParams = z.strictObject({ messageId: uuid });

export const messages = {
  send: endpoint({
    method: 'post',
    path: '/api/v1/messages',
    body: z
      .strictObject({
        subject: displayText(998).default(''),
        html: z.string().max(2_000_000),
        to: recipientList,
        cc: recipientList,
        bcc: recipientList,
        attachmentIds: z.array(uuid).max(100).default([]),
        confirmedInvitations: z.array(z.string().max(1000)).max(500).default([]).describe('New recipients the sender confirmed inviting.'),
        inReplyTo: uuid.optional(),
        expiresAt: futureTime.nullable().optional(),
        noForwarding: z.boolean().optional().describe("Recipients may not forward it. Default: the organization's setting."),
        deliveredByClient: z
          .boolean()
          .default(false)
          .describe("true: the sender's mail client delivers the notice (the add-in); Sealpost sends only invitations."),
      })
      .refine((b) => b.to.length + b.cc.length + b.bcc.length <= 500, { message: 'at most 500 recipients in all', path: ['to'] }),
    response: {
      status: 201,
      schema: z.object({ id: uuid, threadId: uuid, portalUrl: z.string(), invited: z.array(z.string()), replayed: z.boolean() }),
      description: 'Stored encrypted; emails queued. 200 with replayed=true for a repeated request.',
    },
  }),
  forward: endpoint({
    method: 'post',
    path: '/api/v1/messages/:messageId/forward',
    params: messageParams,
    body: z.strictObject({
      to: z.array(recipient).min(1).max(50).describe('Colleagues (pros of this organization) to forward to.'),
      note: noteText(10_000).optional().describe('Plain text written above the forwarded message.'),
    }),
    response: {
      status: 201,
      schema: z.object({ id: uuid, threadId: uuid, portalUrl: z.string(), files: z.number().int(), replayed: z.boolean() }),
      description: 'The forward: a new conversation. Its files are the original ones; recalling the original stops them. 200 with replayed=true for a repeated request.',
    },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/v1/messages',
    query: z.strictObject({
      box: z.enum(['inbox', 'sent']).default('inbox'),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      before: z.string().max(200).optional().describe('Cursor from the previous page.'),
      q: z.string().trim().min(1).max(200).optional().describe('Search in sender and subject.'),
    }),
    response: { status: 200, schema: z.object({ messages: z.array(messageSummarySchema), next: z.string().nullable() }), description: 'A page.' },
  }),
  open: endpoint({
    method: 'get',
    path: '/api/v1/messages/:messageId',
    params: messageParams,
    response: { status: 200, schema: messageSchema, description: 'The message.' },
  }),
  thread: endpoint({
    method: 'get',
    path: '/api/v1/threads/:threadId',
    params: z.strictObject({ threadId: uuid }),
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(50).default(20),
      before: z.string().max(200).optional().describe('The `earlier` cursor of the previous answer: the messages before it.'),
    }),
    response: {
      status: 200,
      schema: z.object({
        messages: z.array(threadMessageSchema),
        earlier: z.string().nullable().describe('Cursor for the messages before these (pass it as `before`), or null at the start.'),
      }),
      description: 'A page of the conversation, oldest first.',
    },
  }),
  recall: endpoint({
    method: 'post',
    path: '/api/v1/messages/:messageId/recall',
    params: messageParams,
    body: z.strictObject({ reason: noteText(500).optional() }),
    response: { status: 204, description: 'Recalled.' },
  }),
  setExpiry: endpoint({
    method: 'patch',
    path: '/api/v1/messages/:messageId',
    params: messageParams,
    body: z.strictObject({ expiresAt: futureTime.nullable().describe('A future time, or null for no expiry.') }),
    response: { status: 204, description: 'Saved.' },
  }),
  delete: endpoint({
    method: 'delete',
    path: '/api/v1/messages/:messageId',
    params: messageParams,
    response: { status: 204, description: 'Gone from your view.' },
  }),
};

export type MessageSummary = z.output<typeof messageSummarySchema>;
export type MessageDetail = z.output<typeof messageSchema>;
export type MessageRecipient = z.output<typeof messageRecipientSchema>;
export type Receipt = z.output<typeof receiptSchema>;
export type AttachedFile = z.output<typeof attachedFileSchema>;
export type ThreadMessage = z.output<typeof threadMessageSchema>;
export type Unavailable = NonNullable<z.output<typeof unavailableSchema>>;
export type Person = z.output<typeof personSchema>;
export type SendMessageInput = z.input<typeof messages.send.body>;
export type SentMessage = z.output<typeof messages.send.response.schema>;
export type ForwardInput = z.input<typeof messages.forward.body>;
export type Forwarded = z.output<typeof messages.forward.response.schema>;
export type MessageListQuery = z.input<typeof messages.list.query>;
export type Box = z.output<typeof messages.list.query>['box'];
