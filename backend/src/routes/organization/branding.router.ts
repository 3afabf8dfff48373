/**
 * Organization branding: an accent colour and a logo (PNG or JPEG up to 512 KB, recognised by its first bytes,
 * never by what the client claims), used by emails, the portal header and the add-in notice. The logo is public
 * at /api/v1/branding/logo/:organizationId because mail clients fetch images without signing in.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { accentOf, logoUrlOf } from '../../mail/brand';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../errors';
import type { Actor } from '../../auth/actor';
import { contract } from '../../contract';
import type { Branding as BrandingAnswer } from '../../contract/organization';
import { defineRoute } from '../../http/route';
import { templates } from '../../mail/templates';
import { authorize, memberPolicy } from '../../policies/members';
import type { Branding, LogoType, Repositories } from '../../store';

export const LOGO_MAX_BYTES = 512 * 1024;

/** What the first bytes say the file is: PNG (signature, then the IHDR chunk) or JPEG (SOI marker … EOI marker). */
export function logoTypeOf(bytes: Buffer): LogoType | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length > 24 && bytes.subarray(0, 8).equals(png) && bytes.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9) return 'image/jpeg';
  return null;
}

/**
 * Reads the request body, refusing it as soon as it passes the limit (before it is all in memory). A body the client
 * cut off (hung up, broken chunked framing) is the client's error, not an unexplained failure of ours.
 */
async function readLimited(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > limit) throw errors.logoTooLarge(limit / 1024);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        req.unpipe?.();
        throw errors.logoTooLarge(limit / 1024);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw errors.validation('The image was cut off before all of it arrived. Upload it again.', [{ path: 'body', code: 'aborted' }]);
  }
  return Buffer.concat(chunks);
}

function present(deps: AppDeps, organizationName: string, b: Branding): BrandingAnswer {
  return {
    organizationName,
    accentColor: b.accentColor,
    accentTextColor: b.accentColor ? accentOf({ accentColor: b.accentColor }).text : null,
    logoUrl: logoUrlOf(deps.config.publicUrl, b.organizationId, b.logo),
  };
}

const adminOnly = (actor: Actor) => authorize(memberPolicy.manageSettings(actor), 'the admin role to change the branding');
/** A branding change and its audit event are written together, or neither is. */
function changeBranding(
  deps: AppDeps,
  actor: Actor,
  change: (branding: Repositories['branding']) => Promise<Branding>,
  data: Record<string, unknown>,
): Promise<Branding> {
  return deps.store.transaction(async (tx) => {
    const branding = await change(tx.branding);
    await tx.audit.append({ organizationId: actor.organization.id, actorId: actor.account.id, action: 'organization.branding_changed', targetType: 'organization', targetId: actor.organization.id, data });
    return branding;
  });
}

export const brandingRoutes = [
  defineRoute(contract.organization.branding, {
    tag: 'organization',
    summary: "Your organization's name, accent colour and logo, for the portal header and the add-in notice.",
    auth: 'session',
    async handler({ actor, deps }) {
      return present(deps, actor.organization.name, await deps.store.branding.get(actor.organization.id));
    },
  }),
  defineRoute(contract.organization.setAccentColor, {
    tag: 'organization',
    summary: 'Set or clear the accent colour (admins).',
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, body, deps }) {
      adminOnly(actor);
      const accentColor = body.accentColor?.toLowerCase() ?? null;
      const branding = await changeBranding(deps, actor, (b) => b.setAccentColor(actor.organization.id, accentColor, actor.account.id), { accentColor });
      return present(deps, actor.organization.name, branding);
    },
  }),
  defineRoute(contract.organization.uploadLogo, {
    tag: 'organization',
    summary: 'Upload the logo (admins): a PNG or JPEG of at most 512 KB, sent as the raw request body.',
    auth: 'session',
    errors: ['forbidden', 'invalid_logo', 'logo_too_large'],
    async handler({ actor, req, deps }) {
      adminOnly(actor);
      const bytes = await readLimited(req, LOGO_MAX_BYTES);
      const type = logoTypeOf(bytes);
      if (!type) throw errors.invalidLogo();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const branding = await changeBranding(deps, actor, (b) => b.setLogo(actor.organization.id, { bytes, type, sha256 }, actor.account.id), {
        logo: { type, size: bytes.length, sha256 },
      });
      return present(deps, actor.organization.name, branding);
    },
  }),
  defineRoute(contract.organization.removeLogo, {
    tag: 'organization',
    summary: 'Remove the logo (admins).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      adminOnly(actor);
      await changeBranding(deps, actor, (b) => b.setLogo(actor.organization.id, null, actor.account.id), { logo: null });
    },
  }),
  defineRoute(contract.organization.logo, {
    tag: 'organization',
    summary: "An organization's logo. Public: emails show it to people who are not signed in.",
    auth: 'none',
    errors: ['not_found'],
    async handler({ params, req, res, deps }) {
      const logo = await deps.store.branding.logo(params.organizationId);
      if (!logo) throw errors.notFound('That logo');
      const etag = `"${logo.sha256}"`;
      res.set({ ETag: etag, 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'", 'Cross-Origin-Resource-Policy': 'cross-origin' });
      if (req.get('if-none-match') === etag) return void res.status(304).end();
      res.status(200).type(logo.type).send(logo.bytes);
    },
  }),
  defineRoute(contract.organization.invitationPreview, {
    tag: 'organization',
    summary: 'The invitation email as people will get it, with the current branding (an HTML page, for a preview frame).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps, res }) {
      authorize(memberPolicy.readSettings(actor), 'the admin or user manager role');
      const branding = present(deps, actor.organization.name, await deps.store.branding.get(actor.organization.id));
      const email = templates.invitation({
        name: 'Robin Client',
        inviterName: actor.account.name,
        organizationName: actor.organization.name,
        link: `${deps.config.publicUrl ?? 'https://sealpost.example'}/register?token=preview`,
        expiresDays: actor.organization.invitationExpiryDays,
        brand: { accentColor: branding.accentColor, logoUrl: branding.logoUrl, organizationName: actor.organization.name },
      });
      // Email HTML styles itself inline; it runs no script and may only be framed by the admin page.
      res.removeHeader('X-Frame-Options');
      res.status(200).type('html').set({
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
      }).send(email.html);
    },
  }),
];

