/**
 * The body that replaces a secure message in Outlook: a short notice with the portal link and nothing of the
 * content, in the sender's organization's brand (name, accent colour, logo) when Sealpost told the handler it.
 * Inline styles only, because mail clients drop <style> blocks. Everything that comes from outside is escaped,
 * the colour must be plain #rrggbb (the same rule and the same readable text colour as Sealpost's own emails),
 * and the logo must be an http(s) address. A plain-text message gets the same words as text (noticeText).
 * The subject is not part of the notice: it always leaves as the sender wrote it.
 */
import { accentOf } from '@contract/accent';
import type { OrganizationBrand } from '@contract/recipients';

export const NOTICE_MARKER = 'data-sealpost-notice';

/** Longer names are cut: the notice is a line, not a letterhead. */
const MAX_NAME = 120;

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function organizationName(brand: OrganizationBrand | null | undefined): string {
  const name = typeof brand?.organizationName === 'string' ? brand.organizationName.replace(/\s+/g, ' ').trim() : '';
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** An absolute http(s) address with nothing that could end the attribute early, else null. */
function logoAddress(brand: OrganizationBrand | null | undefined): string | null {
  const url = brand?.logoUrl;
  return typeof url === 'string' && /^https?:\/\/[^\s"'<>]+$/i.test(url) && url.length <= 2000 ? url : null;
}

export function noticeHtml(portalUrl: string, brand?: OrganizationBrand | null): string {
  const url = escape(portalUrl);
  const name = organizationName(brand);
  const logo = logoAddress(brand);
  const accentColor = typeof brand?.accentColor === 'string' ? brand.accentColor : null;
  const accent = accentOf({ accentColor });
  const title = name ? `Secure message from ${escape(name)}` : 'Sealpost secure message';
  return (
    `<div ${NOTICE_MARKER}="1" style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#242424;` +
    `border:1px solid #d1d1d1;border-left:4px solid ${accent.background};border-radius:6px;padding:16px 20px;max-width:560px">` +
    (logo
      ? `<p style="margin:0 0 12px"><img src="${escape(logo)}" alt="${escape(name || 'Logo')}" style="max-height:40px;max-width:200px;border:0"></p>`
      : '') +
    `<p style="margin:0 0 4px;font-weight:700;font-size:16px">${title}</p>` +
    `<p style="margin:0 0 14px">This message and its attachments were sent securely with Sealpost. Open them in the Sealpost portal.</p>` +
    `<p style="margin:0 0 14px"><a href="${url}" style="display:inline-block;background:${accent.background};color:${accent.text};` +
    `text-decoration:none;font-weight:600;padding:9px 16px;border-radius:6px">Read the secure message</a></p>` +
    `<p style="margin:0;font-size:13px;color:#555555">New to Sealpost? Your invitation email explains how to sign up. ` +
    `Link: <a href="${url}" style="color:#0f6cbd;word-break:break-all">${url}</a></p></div>`
  );
}

/** The notice for a message written as plain text: the same words and the link. */
export function noticeText(portalUrl: string, brand?: OrganizationBrand | null): string {
  const name = organizationName(brand);
  return (
    `${name ? `Secure message from ${name}` : 'Sealpost secure message'}\n\n` +
    'This message and its attachments were sent securely with Sealpost. Open them in the Sealpost portal.\n\n' +
    `Read the secure message: ${portalUrl}\n\nNew to Sealpost? Your invitation email explains how to sign up.`
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The words a body shows, whitespace collapsed: how Outlook re-serializes our HTML does not matter. */
export function visibleText(body: string, type: 'html' | 'text'): string {
  const text = type === 'html' ? body.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!) : body;
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether what Outlook will send is our notice and nothing else: no collapsed original it adds after the handler
 * (office-js#1779), nothing typed around it. Compared by visible words, the link included.
 */
export function isOnlyNotice(body: string, type: 'html' | 'text', portalUrl: string, brand?: OrganizationBrand | null): boolean {
  const expected = type === 'html' ? visibleText(noticeHtml(portalUrl, brand), 'html') : visibleText(noticeText(portalUrl, brand), 'text');
  return visibleText(body, type) === expected;
}
