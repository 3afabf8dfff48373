/** The manifest's XML reader: namespaces, entities, and refusal of malformed or hostile input. */
import { XMLNS_NS, XmlSyntaxError, parseXml } from './xml';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

describe('parseXml', () => {
  test('when elements use default and prefixed namespaces, then each resolves to its URI', () => {
    const doc = parseXml(`<?xml version="1.0"?>
      <a xmlns="urn:a" xmlns:b="urn:b" xmlns:xsi="${XSI}">
        <b:x id="1" xsi:type="T"><y/></b:x>
        <z xmlns="urn:z"/>
      </a>`);
    const root = doc.documentElement;
    const [x, z] = root.children;
    expect([root.localName, root.namespaceURI]).toEqual(['a', 'urn:a']);
    expect([x?.localName, x?.namespaceURI]).toEqual(['x', 'urn:b']);
    expect(x?.children[0]?.namespaceURI).toBe('urn:a');
    expect(z?.namespaceURI).toBe('urn:z');
    expect(x?.getAttribute('id')).toBe('1');
    expect(x?.attributes.find((a) => a.name === 'id')?.namespaceURI).toBeNull();
    expect(x?.getAttributeNS(XSI, 'type')).toBe('T');
    expect(root.attributes.every((a) => a.namespaceURI === XMLNS_NS)).toBe(true);
    expect(x?.line).toBe(3);
  });

  test('when text and attributes hold entities and CDATA, then they are decoded', () => {
    const root = parseXml(`<a v="&lt;&amp;&quot;&#65;&#x42;">x &gt; y<![CDATA[<raw & kept>]]></a>`).documentElement;
    expect(root.getAttribute('v')).toBe('<&"AB');
    expect(root.textContent).toBe('x > y<raw & kept>');
  });

  test('when comments and processing instructions appear, then they are ignored', () => {
    const root = parseXml(`<!-- c --><?pi x?><a><!-- <b/> --><c/></a><!-- after -->`).documentElement;
    expect(root.children.map((c) => c.localName)).toEqual(['c']);
  });

  test.each([
    ['an end tag does not match', '<a>\n<b></a>', /line 2: end tag <\/a> does not match <b>/],
    ['an element is never closed', '<a><b/>', /<a> is never closed/],
    ['a DOCTYPE is present', '<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE/],
    ['a prefix is undeclared', '<a><p:b/></a>', /undeclared namespace prefix "p"/],
    ['there are two root elements', '<a/><b/>', /more than one root/],
    ['text sits outside the root', '<a/>text', /text outside the root/],
    ['an attribute repeats', '<a x="1" x="2"/>', /duplicate attribute x/],
    ['an ampersand is bare', '<a>fish & chips</a>', /bare "&"/],
    ['an entity is unknown', '<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['the document is empty', '  ', /no root element/],
  ])('when %s, then it throws XmlSyntaxError', (_case, xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(message);
  });
});
