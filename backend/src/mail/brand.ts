/**
 * An organization's look in the emails it sends: accent colour (with readable text on it) and logo, both optional.
 * Set on the admin page (routes/organization/branding.router.ts); a colour that is not plain #rrggbb falls back to default.
 */
export interface EmailBrand {
  accentColor?: string | null;
  logoUrl?: string | null;
  organizationName: string;
}

/** Where an organization's logo is served; the version changes with the logo so mail clients fetch the new one. */
export function logoUrlOf(publicUrl: string | undefined, organizationId: string, logo: { sha256: string } | null): string | null {
  return logo ? `${publicUrl ?? ''}/api/v1/branding/logo/${organizationId}?v=${logo.sha256.slice(0, 16)}` : null;
}

/** The brand an organization's emails carry, from what its admins set (see store/branding.ts). */
export function emailBrandOf(
  publicUrl: string | undefined,
  organization: { id: string; name: string },
  branding: { accentColor: string | null; logo: { sha256: string } | null },
): EmailBrand {
  return { accentColor: branding.accentColor, logoUrl: logoUrlOf(publicUrl, organization.id, branding.logo), organizationName: organization.name };
}

// The colour rule is shared with the add-in's notice, so it lives with the API contract.
export { accentOf } from '../contract/accent';
