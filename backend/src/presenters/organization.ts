/** The organization's settings as the admin page shows them (what the viewer may do there is in GET /me's abilities). */
import type { Settings } from '../contract/organization';
import type { OrganizationSettings } from '../commands/organizationSettings';

export function presentSettings({ organization: o, activeWithoutTwoStep, signatureConsentText, signatureReminderDays, billing }: OrganizationSettings): Settings {
  return { name: o.name, invitationExpiryDays: o.invitationExpiryDays, autoProvision: o.autoProvision, requireTwoStep: o.requireTwoStep,
    secureSendPolicy: o.secureSendPolicy, activeWithoutTwoStep, signatureConsentText, signatureReminderDays,
    noForwardingByDefault: o.noForwardingByDefault, billingAddress: billing.address, taxId: billing.taxId };
}
