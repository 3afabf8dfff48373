/**
 * Drafts saved as they are typed: the person's own, kept when they lose access to the organization they wrote in,
 * so what they typed is never lost. Listed from any of their memberships.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, uuid } from './text';

/** How many drafts one person keeps; saving more is refused until some are sent or deleted. */
export const MAX_DRAFTS = 50;

const recipient = z.strictObject({ email: z.string().max(1000), displayName: displayText(300).optional() });
const recipientList = z.array(recipient).max(500).default([]);

export const draftContentSchema = z.strictObject({
  subject: displayText(998).default(''),
  html: z.string().max(2_000_000),
  to: recipientList,
  cc: recipientList,
  bcc: recipientList,
  inReplyTo: uuid.optional().describe('The message being answered, when the draft is a reply.'),
});

const draftSchema = z.object({
  id: uuid,
  organizationName: z.string().describe('The organization it was written in.'),
  writtenHere: z.boolean().describe('Written in the organization of this session (it can be sent from here).'),
  updatedAt: z.string().datetime(),
  subject: z.string(),
  html: z.string(),
  to: z.array(z.object({ email: z.string(), displayName: z.string().optional() })),
  cc: z.array(z.object({ email: z.string(), displayName: z.string().optional() })),
  bcc: z.array(z.object({ email: z.string(), displayName: z.string().optional() })),
  inReplyTo: uuid.nullable(),
});

const draftParams = z.strictObject({ draftId: uuid });

export const drafts = {
  list: endpoint({
    method: 'get',
    path: '/api/v1/drafts',
    response: { status: 200, schema: z.object({ drafts: z.array(draftSchema) }), description: 'Your drafts, newest first, from every organization you wrote in.' },
  }),
  save: endpoint({
    method: 'put',
    path: '/api/v1/drafts/:draftId',
    params: draftParams,
    body: draftContentSchema,
    response: { status: 200, schema: z.object({ id: uuid, updatedAt: z.string().datetime() }), description: 'Saved (created or replaced).' },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/v1/drafts/:draftId',
    params: draftParams,
    response: { status: 204, description: 'Deleted.' },
  }),
};

export type Draft = z.output<typeof draftSchema>;
export type DraftContent = z.input<typeof draftContentSchema>;
