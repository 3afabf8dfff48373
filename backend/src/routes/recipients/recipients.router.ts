/** Recipient classification for the add-in and the portal's compose form. */
import { z } from 'zod';
import { classifyRecipients } from '../../commands/recipientClassifier';
import { defineRoute } from '../../http/route';

const outcome = z.enum(['member_pro', 'member_guest', 'invited', 'new_guest', 'new_pro', 'blocked', 'removed', 'self', 'not_allowed', 'invalid']);

export const recipientRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/recipients/classify',
    tag: 'recipients',
    summary: 'Classify up to 500 recipients: members, pending invitations, who would be invited (guest or pro), who cannot receive.',
    auth: 'session',
    body: z.strictObject({
      recipients: z
        .array(z.strictObject({ email: z.string().max(1000), displayName: z.string().max(300).optional() }))
        .max(500, 'at most 500 recipients per request'),
    }),
    response: {
      status: 200,
      schema: z.object({
        recipients: z.array(
          z.object({
            input: z.string(),
            email: z.string().nullable(),
            displayName: z.string().nullable(),
            outcome: outcome.describe('not_allowed: a guest may write only to the organization\'s pros.'),
            reason: z.enum(['no_address', 'bad_syntax', 'too_long']).optional(),
          }),
        ),
        seats: z.object({ purchased: z.number().int(), used: z.number().int(), remaining: z.number().int() }).optional(),
      }),
      description: 'One entry per distinct recipient, in the order given.',
    },
    async handler({ actor, body, deps }) {
      return classifyRecipients(deps, actor, body.recipients);
    },
  }),
];
