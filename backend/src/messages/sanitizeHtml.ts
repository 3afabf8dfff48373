/**
 * Message bodies are HTML from Outlook or the portal editor. They are cleaned with DOMPurify against a strict
 * allow-list before they are sealed, so what is stored can be shown without running anything.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0]);

const ALLOWED_TAGS = [
  'a', 'b', 'blockquote', 'br', 'caption', 'code', 'col', 'colgroup', 'div', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'hr', 'i', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan', 'align', 'valign', 'style', 'color', 'size', 'face', 'dir', 'lang'];

// Links open outside the portal and never as javascript: or data: URLs.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:|tel:)/i.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  // Inline styles may not load anything (url(), expressions, imports).
  const style = node.getAttribute('style');
  if (style && /url\s*\(|expression\s*\(|@import|javascript:/i.test(style)) node.removeAttribute('style');
});

export function sanitizeMessageHtml(html: string): string {
  return purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'target', 'rel'],
    ALLOW_DATA_ATTR: false,
    KEEP_CONTENT: true,
  });
}

/** Plain text of a sanitized body, for previews and the text part of notices. */
export function textOf(html: string): string {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}
