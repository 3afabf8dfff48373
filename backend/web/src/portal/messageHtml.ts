/**
 * Message HTML in and out of the portal. Bodies written here are plain text turned into escaped paragraphs.
 * Bodies shown here go ONLY into a sandboxed iframe's srcdoc with its own strict CSP, never into the page.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Blank lines separate paragraphs; single line breaks stay line breaks. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

/**
 * The frame's own policy: nothing may load or run; only inline styles (Outlook formats with them) and data: images.
 * A srcdoc frame also inherits the portal page's policy, so the frame's stylesheet carries the page's style nonce.
 */
export const FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const FRAME_STYLE = `
  html { color-scheme: light; }
  body { margin: 0; padding: 2px 2px 4px; font: 15px/1.55 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif;
    color: #242424; background: #fff; overflow-wrap: anywhere; }
  p { margin: 0 0 0.9em; }
  body > :last-child { margin-bottom: 0; }
  a { color: #0b6e69; }
  blockquote { margin: 0 0 0.9em; padding-left: 12px; border-left: 3px solid #c1dcdb; color: #424242; }
  table { border-collapse: collapse; max-width: 100%; }
  td, th { padding: 2px 6px; vertical-align: top; }
  pre { white-space: pre-wrap; }
  img { max-width: 100%; height: auto; }
`;

export function frameDocument(html: string, styleNonce: string | undefined): string {
  const nonce = styleNonce ? ` nonce="${escapeHtml(styleNonce)}"` : '';
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    // Links leave the sandbox in a new tab (the sandbox allows popups that escape it).
    '<base target="_blank">' +
    `<style${nonce}>${FRAME_STYLE}</style></head><body>${html}</body></html>`
  );
}

/**
 * How tall the frame should be. The sandbox (no same-origin) keeps the page from measuring the frame, so this
 * estimates from the text in an inert parsed copy (DOMParser runs nothing and loads nothing).
 */
export function estimatedHeight(html: string, widthPx: number): number {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const charsPerLine = Math.max(30, Math.floor(widthPx / 8));
  let lines = 0;
  const blocks = doc.body.querySelectorAll('p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre');
  const leaves = [...blocks].filter((el) => !el.querySelector('p, div, li, tr, blockquote, pre'));
  for (const el of leaves.length ? leaves : [doc.body]) {
    const text = el.textContent ?? '';
    const breaks = el.querySelectorAll('br').length;
    lines += Math.max(1, Math.ceil(text.length / charsPerLine)) + breaks + 0.55;
  }
  // 15px text at 1.55 line height is 23px a line; paragraphs add 0.9em (0.55 of a line) below.
  return Math.round(Math.min(640, Math.max(48, lines * 23.5 - 6)));
}
