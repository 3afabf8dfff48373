/**
 * Serves the Outlook add-in built into dist/addin (see addin/build.mjs): the task pane, sign-in and event pages
 * with their own CSP (Outlook frames the pane; Office.js comes from Microsoft's CDN), the Smart Alerts script,
 * the hashed bundles, the deployment manifest, the icons the manifest names, and the well-known file that lets
 * classic Outlook's event runtime call the API from the script at ADDIN_BASE_URL; and the help page the manifest's
 * SupportUrl names.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Response } from 'express';
import type { Config } from '../../config';
import { html, page } from '../pages/layout';
import { defaultWebDir } from '../pages/webPages.router';
import { helpPage } from './help';

export const defaultAddinDir = () => path.join(path.dirname(defaultWebDir()), 'addin');

const OFFICE_CDN = 'https://appsforoffice.microsoft.com';

/** Where Outlook hosts add-in task panes in an iframe: Outlook on the web and the new Outlook on Windows. */
const OUTLOOK_HOSTS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://outlook.cloud.microsoft',
  'https://*.outlook.com',
  'https://*.office.com',
  'https://*.office365.com',
];

const origin = (url: string) => new URL(url).origin;

/**
 * The pane and the event page may be framed only by Outlook and Sealpost's own origins; the sign-in page is a
 * top-level dialog window where a password is typed, so nobody may frame it.
 */
export function addinCsp(nonce: string, frameAncestors: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_CDN}`,
    "script-src-attr 'none'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

const PAGES: Record<string, 'framed' | 'dialog'> = {
  'taskpane.html': 'framed',
  'commands.html': 'framed',
  'signin.html': 'dialog',
};

/**
 * Helmet's defaults suit Sealpost's own pages, not files another origin (Outlook) embeds or opens: the add-in's
 * resources may be loaded cross-origin, and the dialog page must keep its opener to reach Outlook.
 */
function embeddable(res: Response): void {
  res.removeHeader('X-Frame-Options');
  res.set({ 'Cross-Origin-Resource-Policy': 'cross-origin', 'Cross-Origin-Opener-Policy': 'unsafe-none' });
}

export function addinRouter(config: Pick<Config, 'publicUrl' | 'addinBaseUrl'>, options: { addinDir?: string } = {}): express.Router {
  const addinDir = options.addinDir ?? defaultAddinDir();
  const router = express.Router();
  const addinBase = config.addinBaseUrl.replace(/\/+$/, '');
  const own = [...new Set(["'self'", origin(addinBase), ...(config.publicUrl ? [origin(config.publicUrl)] : [])])];

  const notBuilt = (res: Response) =>
    res
      .status(503)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(page('The Outlook add-in is not available yet', html`<p>The add-in has not been built on this server. Run <code>npm run build</code>, then reload.</p>`));

  const read = (file: string) => fs.promises.readFile(path.join(addinDir, file));

  // The manifest's SupportUrl.
  router.get('/help', helpPage(addinBase, (config.publicUrl ?? '').replace(/\/+$/, '')));

  router.get('/.well-known/microsoft-officeaddins-allowed.json', (_req, res) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' });
    res.json({ allowed: [`${addinBase}/addin/launchevent.js`] });
  });

  for (const [file, kind] of Object.entries(PAGES)) {
    router.get(`/addin/${file}`, async (_req, res) => {
      let template: string;
      try {
        template = (await read(file)).toString('utf8');
      } catch {
        return notBuilt(res);
      }
      const nonce = randomBytes(18).toString('base64');
      embeddable(res);
      res
        .status(200)
        .type('html')
        .set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': addinCsp(nonce, kind === 'framed' ? [...own, ...OUTLOOK_HOSTS] : []) })
        .send(template.replaceAll('__CSP_NONCE__', nonce));
    });
  }

  // Fixed names that Outlook caches by URL: revalidate every time, so a new build takes effect at once.
  const fixed: Record<string, string> = { 'launchevent.js': 'application/javascript; charset=utf-8', 'manifest.xml': 'application/xml; charset=utf-8' };
  for (const [file, type] of Object.entries(fixed)) {
    router.get(`/addin/${file}`, async (_req, res) => {
      let bytes: Buffer;
      try {
        bytes = await read(file);
      } catch {
        return notBuilt(res);
      }
      embeddable(res);
      res.status(200).set({ 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).send(bytes);
    });
  }

  router.get('/assets/:icon', async (req, res, next) => {
    const match = /^icon-(16|32|64|80|128)\.png$/.exec(req.params.icon);
    if (!match) return next();
    let bytes: Buffer;
    try {
      bytes = await read(`icons/${req.params.icon}`);
    } catch {
      return next();
    }
    embeddable(res);
    res.status(200).set({ 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' }).send(bytes);
  });

  router.use(
    '/addin/assets',
    (_req, res, next) => {
      embeddable(res);
      next();
    },
    express.static(path.join(addinDir, 'assets'), {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.set('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  return router;
}
