/**
 * The manifest as deployed: rebased from the development origin to ADDIN_BASE_URL, and with the send mode an
 * administrator chose (ADDIN_SEND_MODE). Block is for admin-deployed, fail-closed set-ups: while the add-in is
 * unavailable nothing can be sent. The result must still pass checkManifest; the build refuses it otherwise.
 */
import { rebaseManifest } from './rebaseManifest';

export type SendMode = 'SoftBlock' | 'Block';

export interface DeploymentOptions {
  /** https base URL, or null to keep the development origin (https://localhost:3000). */
  baseUrl: string | null;
  sendMode: SendMode;
}

export function deploymentManifest(manifestXml: string, options: DeploymentOptions): string {
  const rebased = options.baseUrl ? rebaseManifest(manifestXml, options.baseUrl) : manifestXml;
  const attributes = rebased.match(/SendMode="[A-Za-z]+"/g) ?? [];
  if (attributes.length !== 1) throw new Error(`expected exactly one SendMode attribute in the manifest, found ${attributes.length}`);
  return rebased.replace(/SendMode="[A-Za-z]+"/, `SendMode="${options.sendMode}"`);
}
