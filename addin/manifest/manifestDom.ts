/**
 * Reads manifest.xml into a tree and offers the few namespace-agnostic lookups the manifest checks need
 * (the manifest mixes five namespaces, but element local names are unambiguous within it).
 */
import { XMLNS_NS, XmlSyntaxError, parseXml, type XmlDocument, type XmlElement } from './xml';

export type { XmlDocument, XmlElement } from './xml';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export class ManifestParseError extends Error {
  override readonly name = 'ManifestParseError';
}

/** Parses manifest text; malformed XML throws ManifestParseError with the line and reason. */
export function parseManifest(xml: string): XmlDocument {
  try {
    return parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ManifestParseError(`manifest.xml is not well-formed XML: ${error.message}`);
    throw error;
  }
}

/** Descendant elements with this local name ('*' for all); a document includes its root element. */
export function elements(root: XmlDocument | XmlElement, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    if (localName === '*' || el.localName === localName) found.push(el);
    el.children.forEach(visit);
  };
  if ('documentElement' in root) visit(root.documentElement);
  else root.children.forEach(visit);
  return found;
}

export function childElements(parent: XmlElement, localName?: string): XmlElement[] {
  return parent.children.filter((c) => localName === undefined || c.localName === localName);
}

export function xsiType(el: XmlElement): string | null {
  return el.getAttributeNS(XSI_NS, 'type');
}

/** Nearest ancestor (or self) with the given local name. */
export function closest(el: XmlElement, localName: string): XmlElement | null {
  for (let cur: XmlElement | null = el; cur; cur = cur.parentElement) {
    if (cur.localName === localName) return cur;
  }
  return null;
}

/** Nearest ancestor ExtensionPoint's xsi:type, e.g. "MessageComposeCommandSurface". */
export function extensionPointType(el: XmlElement): string | null {
  const point = closest(el, 'ExtensionPoint');
  return point ? xsiType(point) : null;
}

/** Short location for messages: "Control#Sealpost.OpenTaskpane > Icon > Image (line 80)". */
export function describe(el: XmlElement): string {
  const parts: string[] = [];
  for (let cur: XmlElement | null = el; cur && parts.length < 3; cur = cur.parentElement) {
    const id = cur.getAttribute('id');
    parts.unshift(id ? `${cur.localName}#${id}` : cur.localName);
  }
  return `${parts.join(' > ')} (line ${el.line})`;
}

/** Every attribute value and text node, except namespace declarations and xsi:type (comments are not kept). */
export function* allValues(doc: XmlDocument): Generator<{ where: XmlElement; value: string }> {
  for (const el of elements(doc, '*')) {
    for (const attr of el.attributes) {
      if (attr.namespaceURI === XMLNS_NS || attr.namespaceURI === XSI_NS) continue;
      yield { where: el, value: attr.value };
    }
    for (const node of el.childNodes) {
      if (typeof node === 'string' && node.trim()) yield { where: el, value: node.trim() };
    }
  }
}
