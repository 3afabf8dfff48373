/** Registration from an invitation link: what the page shows first, and the registration itself. */
import { z } from 'zod';
import { deliverySchema, signInResultSchema } from './auth';
import { endpoint } from './endpoint';
import { phoneSchema } from './invitations';
import { displayText, linkToken } from './text';

const invitationPreviewSchema = z.object({
  organizationName: z.string(),
  inviterName: z.string().nullable().describe("Null when the inviter's account is gone."),
  email: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  hasAccount: z.boolean().describe('True: the person confirms with their existing password.'),
  requiresTwoStep: z.boolean(),
});

export const registration = {
  lookup: endpoint({
    method: 'post',
    path: '/api/v1/registration/lookup',
    body: z.strictObject({ token: linkToken }),
    response: { status: 200, schema: invitationPreviewSchema, description: 'The invitation.' },
  }),
  register: endpoint({
    method: 'post',
    path: '/api/v1/registration',
    body: z.strictObject({
      token: linkToken,
      name: displayText(120).min(1).optional(),
      password: z.string().min(1).max(1024),
      phone: phoneSchema.optional(),
      delivery: deliverySchema,
    }),
    response: { status: 200, schema: signInResultSchema, description: 'Signed in, or the 2-step verification step.' },
  }),
};

export type InvitationPreview = z.output<typeof invitationPreviewSchema>;
