/** Recipient classification for the add-in and the portal's compose form. */
import { classifyRecipients } from '../../commands/recipientClassifier';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { emailBrandOf } from '../../mail/brand';

export const recipientRoutes = [
  defineRoute(contract.recipients.classify, {
    tag: 'recipients',
    summary: 'Classify up to 500 recipients: members, pending invitations, who would be invited (guest or pro), who cannot receive.',
    auth: 'session',
    async handler({ actor, body, query, deps }) {
      const classified = await classifyRecipients(deps, actor, body.recipients);
      if (query.include !== 'brand') return classified;
      const branding = await deps.store.branding.get(actor.organization.id);
      const brand = emailBrandOf(deps.config.publicUrl, actor.organization, branding);
      return { ...classified, brand: { organizationName: brand.organizationName, accentColor: brand.accentColor ?? null, logoUrl: brand.logoUrl ?? null } };
    },
  }),
];
