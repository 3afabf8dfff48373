/** An organization's look: accent colour and logo (bytes kept here, ≤ 512 KB, already checked by the caller). */
import type { Queryable } from './db';

export type LogoType = 'image/png' | 'image/jpeg';

export interface Branding {
  organizationId: string;
  accentColor: string | null;
  logo: { type: LogoType; sha256: string; size: number } | null;
  updatedAt: Date | null;
}

export interface BrandingRepository {
  /** The branding, or the defaults (no accent, no logo) when none was set. */
  get(organizationId: string): Promise<Branding>;
  logo(organizationId: string): Promise<{ bytes: Buffer; type: LogoType; sha256: string } | null>;
  setAccentColor(organizationId: string, accentColor: string | null, updatedBy: string): Promise<Branding>;
  setLogo(organizationId: string, logo: { bytes: Buffer; type: LogoType; sha256: string } | null, updatedBy: string): Promise<Branding>;
}

function toBranding(organizationId: string, row: Record<string, unknown> | undefined): Branding {
  if (!row) return { organizationId, accentColor: null, logo: null, updatedAt: null };
  return {
    organizationId,
    accentColor: (row.accent_color as string | null) ?? null,
    logo: row.logo_type ? { type: row.logo_type as LogoType, sha256: row.logo_sha256 as string, size: row.logo_size as number } : null,
    updatedAt: row.updated_at as Date,
  };
}

const COLUMNS = 'accent_color, logo_type, logo_sha256, octet_length(logo) AS logo_size, updated_at';

export function brandingRepository(q: Queryable): BrandingRepository {
  return {
    async get(organizationId) {
      const rows = await q.query(`SELECT ${COLUMNS} FROM org_branding WHERE organization_id = $1`, [organizationId]);
      return toBranding(organizationId, rows[0]);
    },
    async logo(organizationId) {
      const rows = await q.query<{ logo: Uint8Array; logo_type: LogoType; logo_sha256: string }>(
        'SELECT logo, logo_type, logo_sha256 FROM org_branding WHERE organization_id = $1 AND logo IS NOT NULL',
        [organizationId],
      );
      const row = rows[0];
      return row ? { bytes: Buffer.from(row.logo), type: row.logo_type, sha256: row.logo_sha256 } : null;
    },
    async setAccentColor(organizationId, accentColor, updatedBy) {
      const rows = await q.query(
        `INSERT INTO org_branding (organization_id, accent_color, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id) DO UPDATE SET accent_color = $2, updated_by = $3, updated_at = now()
         RETURNING ${COLUMNS}`,
        [organizationId, accentColor, updatedBy],
      );
      return toBranding(organizationId, rows[0]);
    },
    async setLogo(organizationId, logo, updatedBy) {
      const rows = await q.query(
        `INSERT INTO org_branding (organization_id, logo, logo_type, logo_sha256, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organization_id) DO UPDATE SET logo = $2, logo_type = $3, logo_sha256 = $4, updated_by = $5, updated_at = now()
         RETURNING ${COLUMNS}`,
        [organizationId, logo?.bytes ?? null, logo?.type ?? null, logo?.sha256 ?? null, updatedBy],
      );
      return toBranding(organizationId, rows[0]);
    },
  };
}
