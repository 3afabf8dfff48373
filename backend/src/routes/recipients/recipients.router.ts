/** Recipient classification for the add-in and the portal's compose form. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { classifyRecipients } from '../../commands/recipientClassifier';
import { defineRoute } from '../../http/route';
import { emailBrandOf } from '../../mail/brand';

const outcome = z.enum(['member_pro', 'member_guest', 'invited', 'new_guest', 'new_pro', 'blocked', 'removed', 'self', 'not_allowed', 'invalid']);

export const recipientRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/recipients/classify',
    tag: 'recipients',
    summary: 'Classify up to 500 recipients: members, pending invitations, who would be invited (guest or pro), who cannot receive.',
    auth: 'session',
    // The add-in's send handler asks for the brand with the classification it needs anyway, so the notice that
    // replaces a secure message's body costs no extra request; other callers do not pay for the lookup.
    query: z.object({ include: z.enum(['brand']).optional() }),
    body: z.strictObject({
      recipients: z
        .array(z.strictObject({ email: z.string().max(1000), displayName: displayText(300).optional() }))
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
            lookalike: z
              .object({ resembles: z.string(), reason: z.enum(['confusable', 'punycode', 'one_edit', 'hyphen', 'other_tld']) })
              .optional()
              .describe("A first-time recipient whose domain imitates the sender's or that of someone on the message the organization already writes to."),
          }),
        ),
        seats: z.object({ purchased: z.number().int(), used: z.number().int(), remaining: z.number().int() }).optional(),
        brand: z
          .object({ organizationName: z.string(), accentColor: z.string().nullable(), logoUrl: z.string().nullable() })
          .optional()
          .describe("With include=brand: the organization's name, accent colour (#rrggbb or null) and logo URL (or null)."),
      }),
      description: 'One entry per distinct recipient, in the order given.',
    },
    async handler({ actor, body, query, deps }) {
      const classified = await classifyRecipients(deps, actor, body.recipients);
      if (query.include !== 'brand') return classified;
      const branding = await deps.store.branding.get(actor.organization.id);
      return { ...classified, brand: emailBrandOf(deps.config.publicUrl, actor.organization, branding) };
    },
  }),
];
