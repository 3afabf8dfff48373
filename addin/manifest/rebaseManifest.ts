/**
 * Rewrites the manifest's single development origin (https://localhost:3000) to the deployment base URL
 * (ADDIN_BASE_URL). The manifest keeps every URL on that one origin precisely so this stays a text replace.
 */
export const DEV_ORIGIN = 'https://localhost:3000';

export function rebaseManifest(manifestXml: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  // Outlook refuses to load add-in pages over plain HTTP.
  if (base.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL must be an https:// URL, got "${baseUrl}"`);
  if (base.search || base.hash) throw new Error(`ADDIN_BASE_URL must not carry a query or fragment, got "${baseUrl}"`);
  const prefix = `${base.origin}${base.pathname}`.replace(/\/+$/, '');
  // AppDomain entries name an origin, never a path, so they get the bare origin.
  return manifestXml
    .replace(/(<AppDomain>\s*)https:\/\/localhost:3000(\s*<\/AppDomain>)/g, `$1${base.origin}$2`)
    .split(DEV_ORIGIN)
    .join(prefix);
}
