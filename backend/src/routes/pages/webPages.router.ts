/**
 * Serves the React pages built into dist/web (see backend/web/): each page's HTML with its own strict CSP, and
 * the content-hashed scripts and images under /web/ with a year-long cache.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Response } from 'express';
import { html, page } from './layout';

/** Page routes and the built file each one serves. */
const PAGES: Record<string, string> = {
  '/register': 'register.html',
  '/admin': 'admin.html',
  // The portal routes inside the page (/portal/messages/:id …): every address under /portal gets the page.
  '/portal': 'portal.html',
  '/portal/*rest': 'portal.html',
};

/** Pages that show message bodies in sandboxed srcdoc frames (see pageCsp). */
const SHOWS_MESSAGES = new Set(['portal.html']);

/** The repository root: the nearest folder above this module (in src/ or dist/) holding package.json. */
function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const defaultWebDir = () => path.join(repoRoot(), 'dist/web');

/**
 * Scripts only from our origin, never inline. Fluent UI's style engine (Griffel) and FluentProvider write CSS at
 * run time into <style> elements they create; CSP treats those as inline styles. Rather than 'unsafe-inline',
 * each response carries a fresh nonce that the page hands to the style engine, which stamps it on every <style>
 * it creates. Inline style attributes stay blocked (React and Fluent set element.style through the CSSOM, which
 * CSP does not restrict). img-src allows data: for the 2-step QR code, an SVG shown as an <img> so that its
 * markup never enters the page.
 *
 * Pages that show messages put each body in a sandboxed iframe (no scripts, no same origin) whose srcdoc carries
 * its own stricter CSP. A srcdoc frame also inherits this policy, which would strip the inline style attributes
 * Outlook formats with; so those pages allow style attributes (not <style> elements, not scripts).
 */
export function pageCsp(nonce: string, options: { showsMessages?: boolean } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    `style-src 'self' 'nonce-${nonce}'`,
    ...(options.showsMessages ? ["style-src-attr 'unsafe-inline'"] : []),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The portal's PDF viewer parses documents in a pdf.js worker bundled under /web/assets; no blob: or data: workers.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function webPagesRouter(options: { webDir?: string } = {}): express.Router {
  const webDir = options.webDir ?? defaultWebDir();
  const router = express.Router();

  const notBuilt = (res: Response) =>
    res
      .status(503)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(page('This page is not available yet', html`<p>The web pages have not been built on this server. Run <code>npm run build</code>, then reload.</p>`));

  for (const [route, file] of Object.entries(PAGES)) {
    router.get(route, async (_req, res) => {
      let template: string;
      try {
        // Read on each request: it is small, and a rebuild then needs no restart.
        template = await fs.promises.readFile(path.join(webDir, file), 'utf8');
      } catch {
        return notBuilt(res);
      }
      const nonce = randomBytes(18).toString('base64');
      res
        .status(200)
        .type('html')
        // The page URL holds a one-time token: keep it out of shared caches and history snapshots.
        .set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': pageCsp(nonce, { showsMessages: SHOWS_MESSAGES.has(file) }) })
        .send(template.replaceAll('__CSP_NONCE__', nonce));
    });
  }

  // Built HTML is only served through its route (it needs a nonce); everything else under /web/ is hashed.
  router.use('/web', (req, res, next) => (req.path.endsWith('.html') || req.path === '/build-stamp.json' ? next('router') : next()));
  router.use(
    '/web',
    express.static(webDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.set('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  return router;
}
