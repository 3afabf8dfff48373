/**
 * An organization's accent colour as every surface shows it (emails, the portal header, the add-in's notice, the
 * branding answer's accentTextColor): a plain #rrggbb colour or Sealpost's default, and readable text on it.
 * Pure, so the server and the add-in's Smart Alerts bundle share it.
 */

const DEFAULT_ACCENT = '#0f6cbd';

/** The accent if it is a plain #rrggbb colour, else the default; and readable text on it (WCAG luminance). */
export function accentOf(brand?: { accentColor?: string | null }): { background: string; text: string } {
  const color = brand?.accentColor && /^#[0-9a-f]{6}$/i.test(brand.accentColor) ? brand.accentColor.toLowerCase() : DEFAULT_ACCENT;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White text needs 4.5:1 against the colour; otherwise near-black reads better.
  return { background: color, text: 1.05 / (luminance + 0.05) >= 4.5 ? '#ffffff' : '#1b1b1b' };
}
