/** The signed-in person, their active organization and all their memberships: the one `Me` every client reads. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { uuid } from './text';

export const roleSchema = z.enum(['admin', 'user_manager']);
export const memberTypeSchema = z.enum(['pro', 'guest']);
export const secureSendPolicySchema = z.enum(['user_choice', 'external_always']);

export const membershipSchema = z.object({
  organizationId: uuid,
  organizationName: z.string(),
  type: memberTypeSchema,
  roles: z.array(roleSchema),
  status: z.enum(['invited', 'active', 'removed', 'blocked']),
});

export const meSchema = z.object({
  account: z.object({ id: uuid, email: z.string(), name: z.string(), phone: z.string().nullable() }),
  organization: z.object({
    id: uuid,
    name: z.string(),
    secureSendPolicy: secureSendPolicySchema.describe('How the add-in sets "Send securely".'),
  }),
  membership: membershipSchema,
  memberships: z.array(membershipSchema),
});

export const me = {
  get: endpoint({
    method: 'get',
    path: '/api/v1/me',
    response: { status: 200, schema: meSchema, description: 'The signed-in person.' },
  }),
};

export type Me = z.output<typeof meSchema>;
export type Membership = z.output<typeof membershipSchema>;
export type Role = z.output<typeof roleSchema>;
