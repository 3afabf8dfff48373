/**
 * An organization's look in the emails it sends: accent colour (with readable text on it) and logo, both optional.
 * Set on the admin page (routes/organization/branding.router.ts); a colour that is not plain #rrggbb falls back to default.
 */
export interface EmailBrand {
  accentColor?: string | null;
  logoUrl?: string | null;
  organizationName: string;
}

const DEFAULT_ACCENT = '#0f6cbd';

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

/** The accent if it is a plain #rrggbb colour, else the default; and readable text on it (WCAG luminance). */
export function accentOf(brand?: EmailBrand): { background: string; text: string } {
  const color = brand?.accentColor && /^#[0-9a-f]{6}$/i.test(brand.accentColor) ? brand.accentColor.toLowerCase() : DEFAULT_ACCENT;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White text needs 4.5:1 against the colour; otherwise near-black reads better.
  return { background: color, text: 1.05 / (luminance + 0.05) >= 4.5 ? '#ffffff' : '#1b1b1b' };
}

