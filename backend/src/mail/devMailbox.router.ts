/**
 * The dev mailbox (embedded mode only, mounted at /dev/mailbox): server-rendered pages listing what the catcher
 * caught, so a newcomer can open registration and reset emails and click their links. No JavaScript.
 *
 * A caught HTML body is untrusted markup, so it is never inlined into our page: it is served alone from
 * `/:id/html` under a CSP that blocks scripts and every fetch except images, and sandboxes it. The sandbox still
 * allows popups that escape it, and a `<base target="_blank">` makes links open in a new, normal tab.
 *
 * It shows reset and invitation links, so it answers only requests made on this machine: from a loopback peer, to a
 * loopback host name (a public name or a rebound DNS name is refused), and through no proxy but a local one.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { hostNameOf, isLoopbackHost } from '../http/loopback';
import type { CaughtMail, MailCatcher } from './catcher';
import { escapeHtml } from './templates';

export const MAIL_HTML_CSP =
  "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; " +
  'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';
const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'none'; base-uri 'none'";

const STYLE = `
  body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #242424; background: #fafafa; margin: 0; }
  header { background: #0f6cbd; color: #fff; padding: 12px 24px; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  main { max-width: 1000px; margin: 24px auto; padding: 0 24px; }
  h1 { font-size: 20px; font-weight: 600; margin: 0 0 16px; }
  table { width: 100%; border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.1); }
  th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid #e0e0e0; font-size: 14px; vertical-align: top; }
  th { background: #f0f0f0; font-weight: 600; }
  td.when { white-space: nowrap; color: #616161; }
  a { color: #0f6cbd; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; background: #fff; padding: 16px;
       box-shadow: 0 1px 2px rgba(0,0,0,.1); margin: 0 0 16px; font-size: 14px; }
  dt { font-weight: 600; color: #616161; }
  dd { margin: 0; word-break: break-all; }
  h2 { font-size: 16px; font-weight: 600; margin: 24px 0 8px; }
  pre { background: #fff; padding: 16px; white-space: pre-wrap; word-break: break-word; font-size: 14px;
        box-shadow: 0 1px 2px rgba(0,0,0,.1); margin: 0; }
  iframe { width: 100%; height: 600px; border: 1px solid #e0e0e0; background: #fff; }
  .empty { color: #616161; }
`;

function page(res: Response, status: number, title: string, base: string, body: string): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_CSP,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    })
    .send(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>` +
        `<header><a href="${escapeHtml(base)}/">Sealpost dev mailbox</a></header><main>${body}</main></body></html>`,
    );
}

function formatDate(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** Escapes plain text and turns http(s) URLs in it into links, so text-only mails are clickable too. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, index) =>
      index % 2 === 1
        ? `<a href="${escapeHtml(part)}" target="_blank" rel="noopener noreferrer">${escapeHtml(part)}</a>`
        : escapeHtml(part),
    )
    .join('');
}

function listBody(base: string, mails: CaughtMail[]): string {
  if (mails.length === 0) return '<h1>Mailbox</h1><p class="empty">No mail yet. Sent emails appear here.</p>';
  const rows = mails
    .map(
      (mail) =>
        `<tr><td class="when">${escapeHtml(formatDate(mail.receivedAt))}</td>` +
        `<td>${escapeHtml(mail.to.join(', '))}</td>` +
        `<td><a href="${escapeHtml(`${base}/${mail.id}`)}">${escapeHtml(mail.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  return (
    `<h1>Mailbox (${mails.length})</h1>` +
    `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function messageBody(base: string, mail: CaughtMail): string {
  const htmlUrl = escapeHtml(`${base}/${mail.id}/html`);
  const html = mail.html
    ? `<h2>HTML</h2><p><a href="${htmlUrl}" target="_blank" rel="noopener noreferrer">Open the HTML version on its own</a></p>` +
      `<iframe src="${htmlUrl}" sandbox="${SANDBOX}" title="HTML version" referrerpolicy="no-referrer"></iframe>`
    : '';
  return (
    `<h1>${escapeHtml(mail.subject || '(no subject)')}</h1>` +
    `<dl><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>To</dt><dd>${escapeHtml(mail.to.join(', '))}</dd>` +
    `<dt>Received</dt><dd>${escapeHtml(formatDate(mail.receivedAt))}</dd></dl>` +
    `<h2>Text</h2><pre>${linkify(mail.text)}</pre>${html}`
  );
}

function notFound(res: Response, base: string): void {
  page(res, 404, 'Not found', base, '<h1>Message not found</h1><p class="empty">It may have been deleted.</p>');
}

/** Links open in a new tab (the sandbox lets that tab escape it); placed in <head> to keep standards mode. */
function withBaseTarget(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  if (!head) return base + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + base + html.slice(at);
}

function routeId(req: Request): string {
  const id = req.params.id;
  return typeof id === 'string' ? id : '';
}

/** The hosts and addresses that forwarding proxies name: every one must be this machine. */
function forwardedHosts(req: Request): string[] {
  const hosts: string[] = [];
  const list = (name: string) => (req.headers[name] === undefined ? [] : String(req.headers[name]).split(','));
  for (const entry of [...list('x-forwarded-for'), ...list('x-real-ip')]) hosts.push(entry.trim());
  for (const entry of list('x-forwarded-host')) hosts.push(hostNameOf(entry) ?? entry);
  // RFC 7239: for=, by= and host= pairs; anything else in it is ignored.
  for (const pair of list('forwarded').flatMap((element) => element.split(';'))) {
    const [key, raw] = pair.split('=').map((part) => part.trim().replace(/^"(.*)"$/, '$1'));
    if (raw === undefined) continue;
    if (key!.toLowerCase() === 'host') hosts.push(hostNameOf(raw) ?? raw);
    else if (['for', 'by'].includes(key!.toLowerCase())) hosts.push(raw.replace(/^\[([^\]]*)\](:\d+)?$/, '$1').replace(/^([\d.]+):\d+$/, '$1'));
  }
  return hosts;
}

function fromThisMachine(req: Request): boolean {
  const host = hostNameOf(req.headers.host ?? '');
  return (
    isLoopbackHost(req.socket.remoteAddress ?? '') &&
    host !== null &&
    isLoopbackHost(host) &&
    forwardedHosts(req).every(isLoopbackHost)
  );
}

export function devMailboxRouter(catcher: MailCatcher): express.Router {
  const router = express.Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (fromThisMachine(req)) return next();
    page(
      res,
      403,
      'Only on this machine',
      req.baseUrl,
      '<h1>The dev mailbox opens only on the machine Sealpost runs on</h1>' +
        `<p class="empty">It shows every email, sign-in links included. Open it there, at http://localhost:${req.socket.localPort ?? ''}/dev/mailbox, ` +
        'not through another address or a proxy.</p>',
    );
  });

  router.get('/', async (req, res) => {
    page(res, 200, 'Dev mailbox', req.baseUrl, listBody(req.baseUrl, await catcher.list()));
  });

  router.get('/:id', async (req, res) => {
    const mail = await catcher.get(routeId(req));
    if (!mail) return notFound(res, req.baseUrl);
    page(res, 200, mail.subject || 'Message', req.baseUrl, messageBody(req.baseUrl, mail));
  });

  router.get('/:id/html', async (req, res) => {
    const mail = await catcher.get(routeId(req));
    if (!mail || mail.html === null) return notFound(res, req.baseUrl);
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': MAIL_HTML_CSP,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
      })
      .send(withBaseTarget(mail.html));
  });

  return router;
}
