/** The organization's settings as the admin page shows them (what the viewer may do there is in GET /me's abilities). */
import { z } from 'zod';
import type { OrganizationSettings } from '../commands/organizationSettings';

export const settingsSchema = z.object({
  name: z.string(),
  invitationExpiryDays: z.number().int(),
  autoProvision: z.enum(['off', 'guest', 'pro']),
  requireTwoStep: z.boolean(),
  secureSendPolicy: z.enum(['user_choice', 'external_always']).describe('Add-in: "Send securely" left to the sender, or always on for external recipients.'),
  activeWithoutTwoStep: z.number().int().describe('Active members who have not set up 2-step verification yet.'),
});

export function presentSettings({ organization: o, activeWithoutTwoStep }: OrganizationSettings): z.infer<typeof settingsSchema> {
  return { name: o.name, invitationExpiryDays: o.invitationExpiryDays, autoProvision: o.autoProvision, requireTwoStep: o.requireTwoStep,
    secureSendPolicy: o.secureSendPolicy, activeWithoutTwoStep };
}
