/** Organizations a signed-in person starts. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { createOrganization } from '../../commands/organizationSwitcher';
import { defineRoute } from '../../http/route';

const organizationSchema = z.object({ id: z.string().uuid(), name: z.string(), seatsPurchased: z.number().int() });

export const organizationRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/organizations',
    tag: 'organizations',
    summary: 'Start another organization with you as its admin (switch to it with /auth/switch-organization).',
    auth: 'session',
    body: z.strictObject({ name: displayText(120).min(1) }),
    response: { status: 201, schema: organizationSchema, description: 'The new organization.' },
    async handler({ actor, body, deps }) {
      const organization = await createOrganization(deps, actor, body.name);
      return { id: organization.id, name: organization.name, seatsPurchased: organization.seatsPurchased };
    },
  }),
];
