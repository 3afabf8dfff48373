/**
 * The body that replaces a secure message in Outlook: a short branded notice with the portal link and nothing
 * of the content. Inline styles only, because mail clients drop <style> blocks. The marker attribute lets a
 * retried send recognise a body that was already replaced.
 */

export const NOTICE_MARKER = 'data-sealpost-notice';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function noticeHtml(portalUrl: string): string {
  const url = escape(portalUrl);
  return (
    `<div ${NOTICE_MARKER}="1" style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;color:#1b2a2a;` +
    `border:1px solid #c1dcdb;border-left:4px solid #0b6e69;border-radius:6px;padding:16px 20px;max-width:560px">` +
    `<p style="margin:0 0 4px;font-weight:700;color:#0b6e69;letter-spacing:.02em">Sealpost secure message</p>` +
    `<p style="margin:0 0 14px">This message and its attachments were sent securely. Open them in the Sealpost portal.</p>` +
    `<p style="margin:0 0 14px"><a href="${url}" style="display:inline-block;background:#0b6e69;color:#ffffff;` +
    `text-decoration:none;font-weight:600;padding:9px 16px;border-radius:6px">Read the secure message</a></p>` +
    `<p style="margin:0;font-size:13px;color:#4a5c5c">New to Sealpost? Your invitation email explains how to sign up. ` +
    `Link: <a href="${url}" style="color:#0b6e69">${url}</a></p></div>`
  );
}

export const isNotice = (html: string) => html.indexOf(NOTICE_MARKER) >= 0;
