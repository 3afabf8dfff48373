/**
 * The parts every email is built from: the page around the paragraphs, the greeting, the button, the logo, and the
 * escaping and checks that keep a hostile name or organization name from injecting markup or a javascript: link.
 */
import { accentOf, type EmailBrand } from './brand';

export const PRODUCT = 'Sealpost';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Header-safe single line: a name with line breaks must not bend a subject or a greeting. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function safeHref(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new Error('email links must be absolute URLs');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('email links must be http(s)');
  return link;
}

export function greeting(name: string | null | undefined): string {
  const clean = name ? oneLine(name) : '';
  return clean ? `Hello ${clean},` : 'Hello,';
}

export function button(label: string, link: string, brand?: EmailBrand): string {
  const href = escapeHtml(safeHref(link));
  const accent = accentOf(brand);
  return (
    `<p style="margin:24px 0"><a href="${href}" style="background:${accent.background};color:${accent.text};padding:10px 18px;` +
    `border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(label)}</a></p>` +
    `<p style="color:#555555;font-size:13px">If the button does not work, copy this address into your browser:<br>` +
    `<a href="${href}" style="color:#0f6cbd;word-break:break-all">${href}</a></p>`
  );
}

/** The organization's logo above the message, when it has one. */
export function logoHeader(brand?: EmailBrand): string {
  if (!brand?.logoUrl) return '';
  return `<p style="margin:0 0 24px"><img src="${escapeHtml(safeHref(brand.logoUrl))}" alt="${escapeHtml(oneLine(brand.organizationName))}" ` +
    'style="max-height:48px;max-width:220px;border:0"></p>';
}

/** Paragraphs are given as already-escaped HTML fragments. */
export function layout(title: string, paragraphs: string[], brand?: EmailBrand): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<title>${escapeHtml(title)}</title></head>` +
    '<body style="margin:0;padding:24px;background:#f5f5f5;font-family:Segoe UI,Helvetica,Arial,sans-serif;' +
    'color:#242424;font-size:15px;line-height:1.5">' +
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:32px;border-radius:6px">' +
    logoHeader(brand) +
    paragraphs.join('') +
    `<p style="color:#777777;font-size:12px;margin-top:32px">${PRODUCT}</p>` +
    '</div></body></html>'
  );
}

export const p = (html: string) => `<p>${html}</p>`;
