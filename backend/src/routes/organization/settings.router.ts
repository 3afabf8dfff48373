/** The organization's name and policies (invitation expiry, auto-provisioning, 2-step, secure send), read and changed. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { defineRoute } from '../../http/route';
import { changeSettings, readSettings } from '../../commands/organizationSettings';
import { presentSettings, settingsSchema } from '../../presenters/organization';

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/organization/settings',
    tag: 'organization',
    summary: "The organization's name and policies.",
    auth: 'session',
    response: { status: 200, schema: settingsSchema, description: 'Settings.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return presentSettings(await readSettings(deps, actor));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/organization/settings',
    tag: 'organization',
    summary: 'Change the name, invitation expiry (1–30 days), domain auto-provisioning, the 2-step requirement and the secure-send policy.',
    auth: 'session',
    body: z.strictObject({
      name: displayText(120).min(1).optional(),
      invitationExpiryDays: z.number().int().min(1).max(30).optional(),
      autoProvision: z.enum(['off', 'guest', 'pro']).optional(),
      requireTwoStep: z.boolean().optional(),
      secureSendPolicy: z.enum(['user_choice', 'external_always']).optional(),
    }),
    response: { status: 200, schema: settingsSchema, description: 'Settings after the change.' },
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      return presentSettings(await changeSettings(deps, actor, body));
    },
  }),
];
