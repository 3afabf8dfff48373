/** Inviting people, listing invitations, and following up on them (resend, withdraw, correct details). */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { invitationSchema } from './members';
import { displayText, uuid } from './text';

const email = z.string().trim().min(1).max(320);
const name = displayText(120).min(1);
export const phoneSchema = z.string().trim().regex(/^\+?[0-9 ().-]{5,32}$/, 'is not a phone number');
const invitationParams = z.strictObject({ invitationId: uuid });

export const invitations = {
  create: endpoint({
    method: 'post',
    path: '/api/v1/invitations',
    body: z.strictObject({
      email,
      name: name.optional(),
      phone: phoneSchema.optional(),
      type: z.enum(['guest', 'pro', 'auto']).default('guest').describe('auto follows the domain provisioning policy.'),
    }),
    response: { status: 201, schema: invitationSchema, description: 'The invitation; the email is queued.' },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/v1/invitations',
    response: { status: 200, schema: z.object({ invitations: z.array(invitationSchema) }), description: 'Newest first.' },
  }),
  resend: endpoint({
    method: 'post',
    path: '/api/v1/invitations/:invitationId/resend',
    params: invitationParams,
    response: { status: 204, description: 'Sent again.' },
  }),
  revoke: endpoint({
    method: 'delete',
    path: '/api/v1/invitations/:invitationId',
    params: invitationParams,
    response: { status: 204, description: 'Withdrawn.' },
  }),
  edit: endpoint({
    method: 'patch',
    path: '/api/v1/invitations/:invitationId',
    params: invitationParams,
    body: z.strictObject({ email: email.optional(), name: name.nullable().optional(), phone: phoneSchema.nullable().optional() }),
    response: { status: 204, description: 'Saved (and re-sent when the email changed).' },
  }),
};
