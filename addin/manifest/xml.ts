/**
 * A small, dependency-free, namespace-aware XML reader for the add-in manifest.
 * Why not jsdom: its ESM-only dependencies cannot load under jest on Node 20, and the manifest needs
 * only elements, attributes, text and namespaces. DOCTYPEs are refused (manifests have none, and
 * refusing them rules out entity-expansion tricks).
 */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

export interface XmlAttr {
  name: string;
  localName: string;
  namespaceURI: string | null;
  value: string;
}

export class XmlElement {
  readonly children: XmlElement[] = [];
  /** Child elements and text, in document order. */
  readonly childNodes: (XmlElement | string)[] = [];

  constructor(
    readonly localName: string,
    readonly namespaceURI: string | null,
    readonly attributes: readonly XmlAttr[],
    readonly parentElement: XmlElement | null,
    /** 1-based line of the start tag, for messages. */
    readonly line: number,
  ) {}

  getAttribute(name: string): string | null {
    return this.attributes.find((a) => a.name === name)?.value ?? null;
  }

  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }

  getAttributeNS(namespaceURI: string, localName: string): string | null {
    return this.attributes.find((a) => a.namespaceURI === namespaceURI && a.localName === localName)?.value ?? null;
  }

  get textContent(): string {
    return this.childNodes.map((n) => (typeof n === 'string' ? n : n.textContent)).join('');
  }
}

export interface XmlDocument {
  documentElement: XmlElement;
}

const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, fail: (m: string) => never): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);|&/g, (whole, ref: string | undefined) => {
    if (!ref) fail('bare "&" (write &amp;)');
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    return value ?? fail(`unknown entity ${whole}`);
  });
}

export function parseXml(source: string): XmlDocument {
  const text = source.replace(/^\uFEFF/, '');
  let pos = 0;
  const fail = (message: string): never => {
    const line = text.slice(0, pos).split('\n').length;
    throw new XmlSyntaxError(`line ${line}: ${message}`);
  };
  const stack: { el: XmlElement; name: string; scope: Map<string, string> }[] = [];
  let root: XmlElement | undefined;

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const chunk = text.slice(pos, lt < 0 ? text.length : lt);
    if (stack.length) stack[stack.length - 1]!.el.childNodes.push(decode(chunk, fail));
    else if (chunk.trim()) fail('text outside the root element');
    if (lt < 0) break;
    pos = lt;
    if (text.startsWith('<?', pos)) pos = skipPast(text, '?>', pos, fail);
    else if (text.startsWith('<!--', pos)) pos = skipPast(text, '-->', pos, fail);
    else if (text.startsWith('<![CDATA[', pos)) {
      const end = skipPast(text, ']]>', pos, fail);
      if (!stack.length) fail('CDATA outside the root element');
      stack[stack.length - 1]!.el.childNodes.push(text.slice(pos + 9, end - 3));
      pos = end;
    } else if (text.startsWith('<!', pos)) fail('DOCTYPE and other declarations are not allowed');
    else if (text.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const name = NAME.exec(text)?.[0] ?? fail('malformed end tag');
      const open = stack.pop() ?? fail(`unexpected end tag </${name}>`);
      if (open.name !== name) fail(`end tag </${name}> does not match <${open.name}>`);
      const close = /\s*>/y;
      close.lastIndex = pos + 2 + name.length;
      if (!close.exec(text)) fail(`malformed end tag </${name}>`);
      pos = close.lastIndex;
    } else {
      const opened = readStartTag();
      if (!opened.selfClosing) stack.push(opened);
    }
  }
  if (stack.length) fail(`element <${stack[stack.length - 1]!.name}> is never closed`);
  return { documentElement: root ?? fail('no root element') };

  function readStartTag(): { el: XmlElement; name: string; scope: Map<string, string>; selfClosing: boolean } {
    const line = text.slice(0, pos).split('\n').length;
    NAME.lastIndex = pos + 1;
    const name = NAME.exec(text)?.[0] ?? fail('malformed start tag');
    pos = NAME.lastIndex;
    const raw: [string, string][] = [];
    for (;;) {
      ATTRIBUTE.lastIndex = pos;
      const m = ATTRIBUTE.exec(text);
      if (!m) break;
      if (raw.some(([n]) => n === m[1])) fail(`duplicate attribute ${m[1]} on <${name}>`);
      raw.push([m[1]!, decode(m[2] ?? m[3] ?? '', fail)]);
      pos = ATTRIBUTE.lastIndex;
    }
    const end = /\s*(\/?)>/y;
    end.lastIndex = pos;
    const closing = end.exec(text) ?? fail(`malformed start tag <${name}>`);
    pos = end.lastIndex;

    const parent = stack[stack.length - 1];
    const scope = new Map(parent?.scope ?? [['xml', XML_NS]]);
    for (const [n, v] of raw) {
      if (n === 'xmlns') scope.set('', v);
      else if (n.startsWith('xmlns:')) scope.set(n.slice(6), v);
    }
    const resolve = (qname: string, isAttribute: boolean): [string, string | null] => {
      const colon = qname.indexOf(':');
      if (colon < 0) return [qname, isAttribute ? null : scope.get('') || null];
      const prefix = qname.slice(0, colon);
      if (prefix === 'xmlns') return [qname.slice(colon + 1), XMLNS_NS];
      return [qname.slice(colon + 1), scope.get(prefix) ?? fail(`undeclared namespace prefix "${prefix}"`)];
    };
    const attributes = raw.map(([n, value]): XmlAttr => {
      if (n === 'xmlns') return { name: n, localName: n, namespaceURI: XMLNS_NS, value };
      const [localName, namespaceURI] = resolve(n, true);
      return { name: n, localName, namespaceURI, value };
    });
    const [localName, namespaceURI] = resolve(name, false);
    const el = new XmlElement(localName, namespaceURI, attributes, parent?.el ?? null, line);
    if (parent) {
      parent.el.children.push(el);
      parent.el.childNodes.push(el);
    } else if (root) fail('more than one root element');
    else root = el;
    return { el, name, scope, selfClosing: closing[1] === '/' };
  }
}

function skipPast(text: string, terminator: string, from: number, fail: (m: string) => never): number {
  const at = text.indexOf(terminator, from);
  return at < 0 ? fail(`unterminated ${text.slice(from, from + 4)}`) : at + terminator.length;
}
