/** The shell of the server-rendered account pages (sign-in, sign-up, password reset): escaped HTML, one stylesheet. */
import { escapeHtml } from '../../mail/templates';

export { escapeHtml };

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof Html ? v.value : escapeHtml(String(v)))).join('')
      : value instanceof Html
        ? value.value
        : value === undefined || value === null || value === false
          ? ''
          : escapeHtml(String(value));
    out += rendered + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sealpost</title><link rel="stylesheet" href="/static/pages.css"></head>
<body><main class="card"><p class="brand">Sealpost</p><h1>${escapeHtml(title)}</h1>${body.value}</main></body></html>`;
}

export const pagesCss = `
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
font:16px/1.5 "Segoe UI",system-ui,-apple-system,sans-serif;background:#eef3f3;color:#1b2a2a}
.card{background:#fff;width:min(420px,92vw);padding:32px 36px;border-radius:10px;box-shadow:0 2px 14px rgba(0,40,40,.12)}
.brand{margin:0 0 4px;font-weight:700;letter-spacing:.04em;color:#0b6e69}h1{margin:0 0 20px;font-size:1.45rem;font-weight:600}
label{display:block;margin:14px 0 4px;font-weight:600;font-size:.92rem}
input{width:100%;padding:9px 11px;border:1px solid #9bb0b0;border-radius:6px;font:inherit}
input:focus{outline:2px solid #0b6e69;outline-offset:1px}
button{margin-top:22px;width:100%;padding:10px;border:0;border-radius:6px;background:#0b6e69;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#095a56}a.button{display:block;margin-top:18px;padding:10px;border-radius:6px;background:#0b6e69;color:#fff;
text-align:center;font-weight:600;text-decoration:none}a.button:hover{background:#095a56}[hidden]{display:none!important}.error{background:#fdecec;color:#8a1c1c;padding:10px 12px;border-radius:6px}
.note{color:#4a5c5c;font-size:.92rem}a{color:#0b6e69}ul{padding-left:20px}.links{margin-top:18px;font-size:.92rem}
`;
