/**
 * The organization's look for the portal header (GET /api/v1/branding): its accent colour with readable text, and
 * its logo. Until it arrives, or if it cannot be loaded, the header keeps the Sealpost look: branding is decoration,
 * never a reason to keep someone from their messages.
 */
import { useEffect, useState } from 'react';
import { requestJson } from '../api/http';

export interface PortalBranding {
  organizationName: string;
  accentColor: string | null;
  accentTextColor: string | null;
  logoUrl: string | null;
}

export function useBranding(organizationId: string): PortalBranding | null {
  const [branding, setBranding] = useState<PortalBranding | null>(null);
  useEffect(() => {
    let live = true;
    requestJson<PortalBranding>('GET', '/api/v1/branding').then(
      (b) => live && setBranding(b),
      () => live && setBranding(null),
    );
    return () => {
      live = false;
    };
  }, [organizationId]);
  return branding;
}
