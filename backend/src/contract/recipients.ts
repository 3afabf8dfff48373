/** Recipient classification for the add-in and the portal's compose form. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { recipientOutcome } from './errors';
import { displayText } from './text';

export const lookalikeReasons = ['confusable', 'punycode', 'one_edit', 'hyphen', 'other_tld'] as const;

const classifiedSchema = z.object({
  input: z.string(),
  email: z.string().nullable().describe('Normalized address; null for an unusable entry (outcome "invalid").'),
  displayName: z.string().nullable(),
  outcome: recipientOutcome.describe('not_allowed: a guest may write only to the organization\'s pros.'),
  reason: z.enum(['no_address', 'bad_syntax', 'too_long']).optional(),
  lookalike: z
    .object({ resembles: z.string(), reason: z.enum(lookalikeReasons) })
    .optional()
    .describe("A first-time recipient whose domain imitates the sender's or that of someone on the message the organization already writes to."),
});

const brandSchema = z
  .object({ organizationName: z.string(), accentColor: z.string().nullable(), logoUrl: z.string().nullable() })
  .describe("With include=brand: the organization's name, accent colour (#rrggbb or null) and logo URL (or null).");

export const recipients = {
  classify: endpoint({
    method: 'post',
    path: '/api/v1/recipients/classify',
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
        recipients: z.array(classifiedSchema),
        seats: z.object({ purchased: z.number().int(), used: z.number().int(), remaining: z.number().int() }).optional(),
        brand: brandSchema.optional(),
      }),
      description: 'One entry per distinct recipient, in the order given.',
    },
  }),
};

export type ClassifiedRecipient = z.output<typeof classifiedSchema>;
export type Classification = z.output<typeof recipients.classify.response.schema>;
export type OrganizationBrand = z.output<typeof brandSchema>;
export type RecipientInput = z.input<typeof recipients.classify.body>['recipients'][number];
