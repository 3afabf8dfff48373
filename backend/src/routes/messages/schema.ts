/** Request shapes of sending, listing and managing messages. */
import { z } from 'zod';
import { displayText, noteText } from '../../http/text';

const recipient = z.strictObject({ email: z.string().max(1000), displayName: displayText(300).optional() });
const recipients = z.array(recipient).max(500).default([]);
/** A time in the past would end the message at once, which is a recall: that goes through recall and its notice. */
const futureTime = z.string().datetime().refine((at) => new Date(at) > new Date(), 'must be in the future');

export const sendBody = z
  .strictObject({
    subject: displayText(998).default(''),
    html: z.string().max(2_000_000),
    to: recipients,
    cc: recipients,
    bcc: recipients,
    attachmentIds: z.array(z.string().uuid()).max(100).default([]),
    confirmedInvitations: z.array(z.string().max(1000)).max(500).default([]).describe('New recipients the sender confirmed inviting.'),
    inReplyTo: z.string().uuid().optional(),
    expiresAt: futureTime.nullable().optional(),
    deliveredByClient: z
      .boolean()
      .default(false)
      .describe("true: the sender's mail client delivers the notice (the add-in); Sealpost sends only invitations."),
  })
  .refine((b) => b.to.length + b.cc.length + b.bcc.length <= 500, { message: 'at most 500 recipients in all', path: ['to'] });

export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'must be 8–200 letters, digits or . _ : -');

export const listQuery = z.strictObject({
  box: z.enum(['inbox', 'sent']).default('inbox'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  before: z.string().max(200).optional().describe('Cursor from the previous page.'),
  q: z.string().trim().min(1).max(200).optional().describe('Search in sender and subject.'),
});

export const messageParams = z.strictObject({ messageId: z.string().uuid() });
export const threadParams = z.strictObject({ threadId: z.string().uuid() });
export const threadQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  before: z.string().max(200).optional().describe('The `earlier` cursor of the previous answer: the messages before it.'),
});
export const recallBody = z.strictObject({ reason: noteText(500).optional() });
export const expiryBody = z.strictObject({ expiresAt: futureTime.nullable().describe('A future time, or null for no expiry.') });

export const forwardBody = z.strictObject({
  to: z.array(recipient).min(1).max(50).describe('Colleagues (pros of this organization) to forward to.'),
  note: noteText(10_000).optional().describe('Plain text written above the forwarded message.'),
});
