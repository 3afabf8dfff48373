/** The organization's settings as the admin page shows them, with what the viewer may do there. */
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { OrganizationSettings } from '../commands/organizationSettings';
import { memberPolicy } from '../policies/members';

export const settingsSchema = z.object({
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

export function presentSettings(actor: Actor, { organization: o, activeWithoutTwoStep }: OrganizationSettings): z.infer<typeof settingsSchema> {
  const admin = memberPolicy.manageSettings(actor);
  return { name: o.name, invitationExpiryDays: o.invitationExpiryDays, autoProvision: o.autoProvision, requireTwoStep: o.requireTwoStep,
    secureSendPolicy: o.secureSendPolicy, activeWithoutTwoStep,
    abilities: { canChangeSettings: admin, canManageDomains: admin, canReadAudit: admin, canBuySeats: memberPolicy.buySeats(actor) } };
}
