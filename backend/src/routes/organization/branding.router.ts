/**
 * Organization branding: an accent colour and a logo (PNG or JPEG up to 512 KB, recognised by its first bytes,
 * never by what the client claims), used by emails, the portal header and the add-in notice. The logo is public
 * at /api/v1/branding/logo/:organizationId because mail clients fetch images without signing in.
 */
import type { Request } from 'express';
import { removeLogo, setAccentColor, setLogo } from '../../commands/brandingChanger';
import { AppError, errors } from '../../errors';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { templates } from '../../mail/templates';
import { authorize } from '../../policies/authorize';
import { presentBranding } from '../../presenters/branding';

export const LOGO_MAX_BYTES = 512 * 1024;

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

export const brandingRoutes = [
  defineRoute(contract.organization.branding, {
    tag: 'organization',
    summary: "Your organization's name, accent colour and logo, for the portal header and the add-in notice.",
    auth: 'session',
    async handler({ actor, deps }) {
      return presentBranding(deps.config.publicUrl, actor.organization.name, await deps.store.branding.get(actor.organization.id));
    },
  }),
  defineRoute(contract.organization.setAccentColor, {
    tag: 'organization',
    summary: 'Set or clear the accent colour (admins).',
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, body, deps }) {
      return presentBranding(deps.config.publicUrl, actor.organization.name, await setAccentColor(deps, actor, body.accentColor));
    },
  }),
  defineRoute(contract.organization.uploadLogo, {
    tag: 'organization',
    summary: 'Upload the logo (admins): a PNG or JPEG of at most 512 KB, sent as the raw request body.',
    auth: 'session',
    errors: ['forbidden', 'invalid_logo', 'logo_too_large'],
    async handler({ actor, req, deps }) {
      const branding = await setLogo(deps, actor, () => readLimited(req, LOGO_MAX_BYTES));
      return presentBranding(deps.config.publicUrl, actor.organization.name, branding);
    },
  }),
  defineRoute(contract.organization.removeLogo, {
    tag: 'organization',
    summary: 'Remove the logo (admins).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      await removeLogo(deps, actor);
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
      authorize(actor, 'organization.readSettings');
      const branding = presentBranding(deps.config.publicUrl, actor.organization.name, await deps.store.branding.get(actor.organization.id));
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

