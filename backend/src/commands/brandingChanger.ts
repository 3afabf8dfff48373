/**
 * Changing an organization's branding (admins): the accent colour, and a logo recognised as PNG or JPEG by its
 * first bytes, never by what the client claims. Each change and its audit event are written in one transaction:
 * a change whose event cannot be recorded is not made.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { authorize } from '../policies/authorize';
import type { Branding, LogoType, Repositories } from '../store';

/** What the first bytes say the file is: PNG (signature, then the IHDR chunk) or JPEG (SOI marker … EOI marker). */
export function logoTypeOf(bytes: Buffer): LogoType | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length > 24 && bytes.subarray(0, 8).equals(png) && bytes.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9) return 'image/jpeg';
  return null;
}


function changeBranding(
  deps: AppDeps,
  actor: Actor,
  change: (branding: Repositories['branding']) => Promise<Branding>,
  data: Record<string, unknown>,
): Promise<Branding> {
  return deps.store.transaction(async (tx) => {
    const branding = await change(tx.branding);
    await tx.audit.record(actor, 'organization.branding_changed', { type: 'organization', id: actor.organization.id }, data);
    return branding;
  });
}

export async function setAccentColor(deps: AppDeps, actor: Actor, color: string | null): Promise<Branding> {
  authorize(actor, 'organization.changeBranding');
  const accentColor = color?.toLowerCase() ?? null;
  return changeBranding(deps, actor, (b) => b.setAccentColor(actor.organization.id, accentColor, actor.account.id), { accentColor });
}

/** `readImage` runs only once the actor may change the branding, so nobody else's upload is read at all. */
export async function setLogo(deps: AppDeps, actor: Actor, readImage: () => Promise<Buffer>): Promise<Branding> {
  authorize(actor, 'organization.changeBranding');
  const bytes = await readImage();
  const type = logoTypeOf(bytes);
  if (!type) throw errors.invalidLogo();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return changeBranding(deps, actor, (b) => b.setLogo(actor.organization.id, { bytes, type, sha256 }, actor.account.id), {
    logo: { type, size: bytes.length, sha256 },
  });
}

export async function removeLogo(deps: AppDeps, actor: Actor): Promise<void> {
  authorize(actor, 'organization.changeBranding');
  await changeBranding(deps, actor, (b) => b.setLogo(actor.organization.id, null, actor.account.id), { logo: null });
}
