/** The organization's name and policies (invitation expiry, auto-provisioning, 2-step, secure send), read and changed. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import type { AppDeps } from '../../deps';
import type { Actor } from '../../auth/actor';
import { defineRoute } from '../../http/route';
import { authorize, memberPolicy } from '../../policies/members';
import type { Organization } from '../../store';

const settingsSchema = z.object({
  name: z.string(),
  invitationExpiryDays: z.number().int(),
  autoProvision: z.enum(['off', 'guest', 'pro']),
  requireTwoStep: z.boolean(),
  secureSendPolicy: z.enum(['user_choice', 'external_always']).describe('Add-in: "Send securely" left to the sender, or always on for external recipients.'),
  activeWithoutTwoStep: z.number().int().describe('Active members who have not set up 2-step verification yet.'),
  abilities: z
    .object({ canChangeSettings: z.boolean(), canManageDomains: z.boolean(), canReadAudit: z.boolean(), canBuySeats: z.boolean() })
    .describe('What the viewer may do here, so pages never re-implement the rules.'),
});

async function presentSettings(deps: AppDeps, actor: Actor, o: Organization): Promise<z.infer<typeof settingsSchema>> {
  const activeWithoutTwoStep = await deps.store.memberships.countMembers(o.id, { state: 'registered' });
  const admin = memberPolicy.manageSettings(actor);
  return { name: o.name, invitationExpiryDays: o.invitationExpiryDays, autoProvision: o.autoProvision, requireTwoStep: o.requireTwoStep,
    secureSendPolicy: o.secureSendPolicy, activeWithoutTwoStep,
    abilities: { canChangeSettings: admin, canManageDomains: admin, canReadAudit: admin, canBuySeats: memberPolicy.buySeats(actor) } };
}

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
      return presentSettings(deps, actor, actor.organization);
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
      return presentSettings(deps, actor, o);
    },
  }),
];
