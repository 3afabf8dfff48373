/** The sanitizer message bodies went through before this one (DOMPurify over jsdom), kept to compare against. */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

// One window for every call: building a jsdom window costs far more than the HTML it would parse.
const domWindow = new JSDOM('').window;
const purify = createDOMPurify(domWindow as unknown as Parameters<typeof createDOMPurify>[0]);

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

// Set once rather than passed to every call, which made DOMPurify rebuild its allow-lists each time.
// 'body' is not a tag a message may carry: it is the element DOMPurify parses into and walks from, and only its
// contents are returned (an HTML parser merges any <body> in the input into it; none can appear inside). Listing
// it keeps DOMPurify from treating its own root as disallowed, which made it copy the whole tree on every call.
purify.setConfig({
  ALLOWED_TAGS: [...ALLOWED_TAGS, 'body'],
  ALLOWED_ATTR: [...ALLOWED_ATTR, 'target', 'rel'],
  ALLOW_DATA_ATTR: false,
  KEEP_CONTENT: true,
});

export function sanitizeLegacy(html: string): string {
  return purify.sanitize(html);
}

