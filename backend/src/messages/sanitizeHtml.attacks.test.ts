/**
 * The sanitizer against hostile bodies: script and remote-load attacks checked as a browser-grade parser reads the
 * output, CSS that tries to fetch through style, and shapes (deep nesting, floods of attributes or entities) whose
 * output must stay bounded and well formed.
 */
import { filterStyle } from './cssFilter';
import { MAX_DEPTH } from './htmlWalker';
import { sanitizeMessageHtml } from './sanitizeHtml';
import { CSS_ATTACKS, OUTLOOK_BODY, SCRIPT_ATTACKS, problemsIn } from './testing/attackCorpus';

/** The deepest nesting of elements in serialized HTML that closes every element it opens (as ours does). */
function depthOf(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
    if (['br', 'hr', 'col', 'wbr'].includes(match[2]!)) continue;
    depth += match[1] ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

test.each(SCRIPT_ATTACKS)('when the body is %s, then what a browser reads of the result runs and loads nothing', async (body) => {
  expect(problemsIn(await sanitizeMessageHtml(body))).toEqual([]);
});

test.each(CSS_ATTACKS)('when the body styles with %s, then no style that can load anything survives', async (body) => {
  const out = await sanitizeMessageHtml(body);
  expect(problemsIn(out)).toEqual([]);
  expect(out).not.toMatch(/track\.example/);
  expect(out).toContain('x');
});

test.each([
  ['background-image:u\\72l(https://t.example/a)', null],
  ['background-image:image-set("https://t.example/a" 1x)', null],
  ['color:red;background-image:url(https://t.example/a)', 'color: red'],
  ['color: red ; font-weight : bold', 'color: red; font-weight: bold'],
  ['font-family:"Calibri",sans-serif;font-size:11.0pt', 'font-family: "Calibri",sans-serif; font-size: 11.0pt'],
  ['color:rgb(0, 97, 0);background:#D9E2F3', 'color: rgb(0, 97, 0); background: #D9E2F3'],
  ['border:solid windowtext 1.0pt;padding:0cm 5.4pt', 'border: solid windowtext 1.0pt; padding: 0cm 5.4pt'],
  ['mso-ligatures:none;color:gray', 'color: gray'],
  ['color:red !important', 'color: red'],
  ['color:rgb(url(x))', null],
  ['color:"red;background:url(x)"', null],
  ['position:fixed;top:0', null],
  ['font-family:"微软雅黑"', 'font-family: "微软雅黑"'],
  ['color:red'.repeat(2000), null],
])('when a style is %s, then %s is kept', (style, kept) => {
  expect(filterStyle(style)).toBe(kept);
});

test('when an Outlook body is sanitized, then its tables, safe inline styles and links stay and its head goes', async () => {
  const out = await sanitizeMessageHtml(OUTLOOK_BODY);
  expect(problemsIn(out)).toEqual([]);
  expect(out).toContain('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse: collapse; border: none; width: 100%">');
  expect(out).toContain('<td width="200" valign="top" style="width: 150.0pt; border: solid windowtext 1.0pt; padding: 0cm 5.4pt 0cm 5.4pt; background: #D9E2F3">');
  expect(out).toContain('<a href="https://clinic.example/results?id=42&amp;lang=en" target="_blank" rel="noopener noreferrer nofollow">your results</a>');
  expect(out).toContain('Dear Ms&nbsp;Rivera,');
  expect(out).not.toContain('MsoNormal');
  expect(out).not.toContain('<style');
});

test('when elements nest far deeper than any message, then the output nests at most MAX_DEPTH and keeps the text', async () => {
  const out = await sanitizeMessageHtml(`${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}after`);
  expect(depthOf(out)).toBe(MAX_DEPTH);
  expect(out.endsWith('deepafter')).toBe(false);
  expect(out).toMatch(/deep(<\/div>)+after$/);
  expect(problemsIn(out)).toEqual([]);
});

test('when nesting never closes, or closes tags that never opened, then every element is closed once', async () => {
  const out = await sanitizeMessageHtml(`${'<span><b>'.repeat(5_000)}x${'</i></u>'.repeat(5_000)}`);
  expect(depthOf(out)).toBe(MAX_DEPTH);
  expect(out.match(/<span>/g)!.length).toBe(out.match(/<\/span>/g)!.length);
  expect(out.match(/<b>/g)!.length).toBe(out.match(/<\/b>/g)!.length);
});

test('when old-style bodies leave paragraphs and items unclosed, then they stay siblings, not a deep nest', async () => {
  expect(await sanitizeMessageHtml('<p>a<p>b<ul><li>c<li>d</ul>')).toBe('<p>a</p><p>b</p><ul><li>c</li><li>d</li></ul>');
  expect(depthOf(await sanitizeMessageHtml('<p>x'.repeat(10_000)))).toBe(1);
});

test('when a tag carries 100,000 attributes or a huge value, then the wanted first one is kept and the rest ignored', async () => {
  const flood = `<p title="first" ${Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}" title="again"`).join(' ')}>x</p>`;
  expect(await sanitizeMessageHtml(flood)).toBe('<p title="first">x</p>');
  expect(await sanitizeMessageHtml(`<p title="${'t'.repeat(1_000_000)}">x</p>`)).toBe('<p>x</p>');
});

test('when a body is a megabyte of entities, then they are decoded once and escaped again', async () => {
  const out = await sanitizeMessageHtml('&lt;script&gt;&amp;&#x41;&nbsp;'.repeat(40_000));
  expect(out).toBe('&lt;script&gt;&amp;A&nbsp;'.repeat(40_000));
});

test('when a body is large, then sanitizing lets other work run before it finishes', async () => {
  let otherWorkRan = false;
  const sanitizing = sanitizeMessageHtml('<p>Results attached.</p>'.repeat(20_000));
  setImmediate(() => {
    otherWorkRan = true;
  });
  const out = await sanitizing;
  expect(otherWorkRan).toBe(true);
  expect(out).toBe('<p>Results attached.</p>'.repeat(20_000));
});
