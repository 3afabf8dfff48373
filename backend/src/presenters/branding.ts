/** An organization's branding as the portal header, the add-in notice and the admin page show it. */
import type { Branding as BrandingAnswer } from '../contract/organization';
import { accentOf, logoUrlOf } from '../mail/brand';
import type { Branding } from '../store';

export function presentBranding(publicUrl: string | undefined, organizationName: string, b: Branding): BrandingAnswer {
  return {
    organizationName,
    accentColor: b.accentColor,
    accentTextColor: b.accentColor ? accentOf({ accentColor: b.accentColor }).text : null,
    logoUrl: logoUrlOf(publicUrl, b.organizationId, b.logo),
  };
}
