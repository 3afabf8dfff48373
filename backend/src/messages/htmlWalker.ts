/**
 * One pass over HTML with htmlparser2's tokenizer (no DOM, no recursion): the caller sees text, and the opening and
 * closing of the elements it accepts, always properly nested. Long input is read in slices with a yield to the event
 * loop between them, so a megabyte body never holds up other requests for more than a few milliseconds. The open elements never number more than MAX_DEPTH;
 * deeper tags are dropped and their text kept, so the work is linear in the input whatever its shape. Elements whose
 * content is never shown (scripts, styles, embedded documents, SVG and MathML) are skipped with all they hold.
 */
import { Tokenizer } from 'htmlparser2';

/** Deeper than any real message (Outlook's nested layout tables stay well under it); deeper tags are flattened. */
export const MAX_DEPTH = 100;
/** Longest attribute value read; longer ones are dropped (no attribute we keep needs more). */
export const MAX_ATTRIBUTE_LENGTH = 8 * 1024;

export interface ElementRules {
  /** Elements that may appear (their tags kept); any other element's tags are dropped and its content kept. */
  allowed: ReadonlySet<string>;
  /** Attributes worth reading; others are skipped while tokenizing, however many there are. */
  attributes: ReadonlySet<string>;
}

export interface WalkHandler {
  text(text: string): void;
  open(name: string, attributes: ReadonlyMap<string, string>, isVoid: boolean): void;
  close(name: string): void;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Never shown, or a world of its own: skipped with everything inside. */
const SKIPPED_WITH_CONTENT = new Set([
  'script', 'style', 'title', 'head', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frameset', 'object',
  'applet', 'audio', 'video', 'svg', 'math', 'textarea', 'select', 'xmp', 'plaintext',
]);
/** In HTML, `<svg/>` and `<math/>` really are empty; any other `/>` is ignored. */
const FOREIGN = new Set(['svg', 'math']);
/** HTML tags that end SVG or MathML content in browsers: what follows them is ordinary HTML again. */
const ENDS_FOREIGN = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's',
  'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var',
]);

// An opening tag closes the open element on top when HTML's parser would (a subset that keeps old-style bodies,
// like unclosed <p> and <li>, from piling up as nesting).
const CLOSES_P = ['p'];
const BLOCKS = ['address', 'blockquote', 'center', 'div', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ol', 'p', 'pre', 'table', 'ul'];
const IMPLIED_CLOSE = new Map<string, ReadonlySet<string>>([
  ...BLOCKS.map((block) => [block, new Set(CLOSES_P)] as const),
  ['li', new Set(['li', 'p'])],
  ['dt', new Set(['dt', 'dd', 'p'])],
  ['dd', new Set(['dt', 'dd', 'p'])],
  ['tr', new Set(['tr', 'td', 'th'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['td', 'th'])],
  ['tbody', new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'])],
  ['thead', new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'])],
  ['tfoot', new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'])],
]);

/** Characters tokenized between yields to the event loop: a few milliseconds of work. */
const SLICE = 32 * 1024;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function walkHtml(html: string, rules: ElementRules, handler: WalkHandler): Promise<void> {
  const open: string[] = [];
  /** Tags dropped for depth, by name: their closing tags are dropped too, not matched to an outer element. */
  const flattened = new Map<string, number>();
  let skipping: { name: string; depth: number } | null = null;

  let tagName = '';
  let attributes = new Map<string, string>();
  let attributeName = '';
  let attributeValue: string[] | null = null;
  let attributeLength = 0;

  const slice = (start: number, end: number) => html.slice(start, end);

  function closeTo(index: number): void {
    while (open.length > index) handler.close(open.pop()!);
  }

  function openTag(selfClosing: boolean): void {
    const name = tagName;
    // a <body> ends an unclosed <head>, as it does in browsers
    if (skipping?.name === 'head' && name === 'body') skipping = null;
    if (skipping && FOREIGN.has(skipping.name) && ENDS_FOREIGN.has(name)) skipping = null;
    if (skipping) {
      if (name === skipping.name && !(selfClosing && FOREIGN.has(name))) skipping.depth++;
      return;
    }
    if (SKIPPED_WITH_CONTENT.has(name)) {
      if (!(selfClosing && FOREIGN.has(name))) skipping = { name, depth: 1 };
      return;
    }
    if (!rules.allowed.has(name)) return;
    const closes = IMPLIED_CLOSE.get(name);
    while (closes && open.length > 0 && closes.has(open[open.length - 1]!)) handler.close(open.pop()!);
    if (VOID.has(name)) return handler.open(name, attributes, true);
    if (open.length >= MAX_DEPTH) {
      flattened.set(name, (flattened.get(name) ?? 0) + 1);
      return;
    }
    handler.open(name, attributes, false);
    open.push(name);
  }

  function closeTag(name: string): void {
    if (skipping) {
      if (name === skipping.name && --skipping.depth === 0) skipping = null;
      return;
    }
    const dropped = flattened.get(name);
    if (dropped) return void flattened.set(name, dropped - 1);
    // at most MAX_DEPTH steps: the stack never holds more
    const index = open.lastIndexOf(name);
    if (index >= 0) closeTo(index);
  }

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      ontext(start, end) {
        if (!skipping) handler.text(slice(start, end));
      },
      ontextentity(codepoint) {
        if (!skipping) handler.text(String.fromCodePoint(codepoint));
      },
      onopentagname(start, end) {
        tagName = slice(start, end).toLowerCase();
        attributes = new Map();
      },
      onattribname(start, end) {
        attributeName = slice(start, end).toLowerCase();
        // the first of duplicate attributes wins, as in browsers; unwanted ones are never assembled
        const wanted = !skipping && rules.attributes.has(attributeName) && !attributes.has(attributeName);
        attributeValue = wanted ? [] : null;
        attributeLength = 0;
      },
      onattribdata(start, end) {
        if (!attributeValue) return;
        attributeLength += end - start;
        if (attributeLength > MAX_ATTRIBUTE_LENGTH) attributeValue = null;
        else attributeValue.push(slice(start, end));
      },
      onattribentity(codepoint) {
        if (!attributeValue) return;
        attributeLength += 2;
        if (attributeLength > MAX_ATTRIBUTE_LENGTH) attributeValue = null;
        else attributeValue.push(String.fromCodePoint(codepoint));
      },
      onattribend() {
        if (attributeValue) attributes.set(attributeName, attributeValue.join(''));
        attributeValue = null;
      },
      onopentagend() {
        openTag(false);
      },
      onselfclosingtag() {
        openTag(true);
      },
      onclosetag(start, end) {
        closeTag(slice(start, end).toLowerCase());
      },
      oncomment() {},
      oncdata() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {
        closeTo(0);
      },
    },
  );
  // the tokenizer resumes mid-token and reports offsets into the whole input, so slicing changes nothing but
  // how long other requests wait
  for (let at = 0; at < html.length; at += SLICE) {
    if (at > 0) await yieldToLoop();
    tokenizer.write(html.slice(at, at + SLICE));
  }
  tokenizer.end();
}
