/** The organization's name and policies (invitation expiry, auto-provisioning, 2-step, secure send), read and changed. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { defineRoute } from '../../http/route';
import { authorize, memberPolicy } from '../../policies/members';
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
      authorize(memberPolicy.readSettings(actor), 'the admin or user manager role');
      return presentSettings(actor, actor.organization, await deps.store.memberships.countMembers(actor.organization.id, { state: 'registered' }));
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
      authorize(memberPolicy.manageSettings(actor), 'the admin role');
      const o = await deps.store.transaction(async (tx) => {
        const updated = await tx.organizations.updateSettings(actor.organization.id, body);
        await tx.audit.append({ organizationId: updated.id, actorId: actor.account.id, action: 'organization.settings_changed', targetType: 'organization', targetId: updated.id, data: body });
        return updated;
      });
      return presentSettings(actor, o, await deps.store.memberships.countMembers(o.id, { state: 'registered' }));
    },
  }),
];
