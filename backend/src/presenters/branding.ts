/** An organization's branding as the portal header, the add-in notice and the admin page show it. */
import { z } from 'zod';
import { accentOf, logoUrlOf } from '../mail/brand';
import type { Branding } from '../store';

export const brandingSchema = z.object({
  organizationName: z.string(),
  accentColor: z.string().nullable().describe('#rrggbb, or null for the Sealpost default.'),
  accentTextColor: z.string().nullable().describe('Readable text colour on the accent (#ffffff or #1b1b1b), or null when no accent is set.'),
  logoUrl: z.string().nullable().describe('Absolute URL of the logo (changes when the logo does), or null.'),
});

export function presentBranding(publicUrl: string | undefined, organizationName: string, b: Branding): z.infer<typeof brandingSchema> {
  return {
    organizationName,
    accentColor: b.accentColor,
    accentTextColor: b.accentColor ? accentOf({ organizationName, accentColor: b.accentColor }).text : null,
    logoUrl: logoUrlOf(publicUrl, b.organizationId, b.logo),
  };
}
