/**
 * Message bodies are HTML from Outlook or the portal editor. They are rebuilt from an allow-list before they are
 * sealed, so what is stored can be shown without running or loading anything: only the elements and attributes
 * below survive, every text and attribute value is escaped again, links open outside the portal, and styles keep
 * only what cssFilter.ts understands. The work is one pass (htmlWalker.ts), linear in the body whatever its shape.
 */
import { filterStyle } from './cssFilter';
import { walkHtml, type ElementRules } from './htmlWalker';

const ALLOWED_TAGS = new Set([
  'a', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em',
  'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strike',
  'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]);

type AttributeCheck = (value: string) => string | null;
const matching = (pattern: RegExp): AttributeCheck => (value) => (pattern.test(value.trim()) ? value.trim() : null);
const COLOR = matching(/^(#[0-9a-f]{3,8}|[a-z]{1,20})$/i);
const WORD = matching(/^[a-z]{1,10}$/i);
const PIXELS = matching(/^\d{1,3}$/);
const LENGTH = matching(/^\d{1,5}(\.\d{1,3})?(%|px)?$/);

/** Schemes a link may use; everything else (javascript:, data:, relative paths into the portal) loses its href. */
const LINK = /^(https?:|mailto:|tel:)/i;

/** The href as a browser would read it (tabs and line breaks removed, spaces and controls trimmed), if it is a link we allow. */
function safeHref(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  return LINK.test(url) ? url : null;
}

const ATTRIBUTES = new Map<string, AttributeCheck>([
  ['title', (value) => (value.length <= 1024 ? value : null)],
  ['lang', matching(/^[a-z]{1,8}(-[a-z0-9]{1,8}){0,4}$/i)],
  ['dir', matching(/^(ltr|rtl|auto)$/i)],
  ['align', WORD],
  ['valign', WORD],
  ['colspan', matching(/^\d{1,3}$/)],
  ['rowspan', matching(/^\d{1,4}$/)],
  ['color', COLOR],
  ['bgcolor', COLOR],
  ['size', matching(/^[+-]?\d{1,2}$/)],
  ['face', matching(/^[\p{L}\p{N} ,'"_-]{1,200}$/u)],
  ['width', LENGTH],
  ['height', LENGTH],
  ['border', PIXELS],
  ['cellpadding', PIXELS],
  ['cellspacing', PIXELS],
  ['style', filterStyle],
]);

const RULES: ElementRules = { allowed: ALLOWED_TAGS, attributes: new Set([...ATTRIBUTES.keys(), 'href']) };

const escapeText = (text: string) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[&<>\u00a0\u0000]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '\u00a0' ? '&nbsp;' : ''));
const escapeAttribute = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[&"<>\u0000]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : ''));

function openingTag(name: string, attributes: ReadonlyMap<string, string>): string {
  let tag = `<${name}`;
  for (const [attribute, raw] of attributes) {
    const value = attribute === 'href' ? (name === 'a' ? safeHref(raw) : null) : ATTRIBUTES.get(attribute)!(raw);
    if (value !== null) tag += ` ${attribute}="${escapeAttribute(value)}"`;
  }
  // links open outside the portal, and tell the site neither where they came from nor who opened them
  if (name === 'a') tag += ' target="_blank" rel="noopener noreferrer nofollow"';
  return `${tag}>`;
}

export async function sanitizeMessageHtml(html: string): Promise<string> {
  // appended as it goes (V8 joins the pieces lazily), rather than joined at the end in one long step
  let out = '';
  await walkHtml(html, RULES, {
    text: (text) => (out += escapeText(text)),
    open: (name, attributes) => (out += openingTag(name, attributes)),
    close: (name) => (out += `</${name}>`),
  });
  return out;
}

/** Plain text of a sanitized body, for previews and the text part of notices. */
export async function textOf(html: string): Promise<string> {
  const out: string[] = [];
  await walkHtml(html, RULES, { text: (text) => out.push(text), open: () => undefined, close: () => undefined });
  return out.join('').replace(/\s+/g, ' ').trim();
}
