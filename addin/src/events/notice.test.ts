/** The notice that replaces a secure message's body: the organization's brand, and nothing hostile gets through. */
import { JSDOM } from 'jsdom';
import { isOnlyNotice, noticeHtml } from './notice';

const PORTAL = 'https://sealpost.example.com/portal/messages/00000000-0000-4000-8000-000000000001';
const LOGO = 'https://sealpost.example.com/api/v1/branding/logo/0f0e0d0c-0000-4000-8000-000000000001?v=0123456789abcdef';

/** Parsed as a mail client would, so the tests look at elements and attributes, not at substrings. */
function parse(html: string) {
  const doc = new JSDOM(html).window.document;
  const root = doc.querySelector('[data-sealpost-notice]')!;
  return {
    root,
    title: root.querySelector('p[style*="font-weight:700"]')!.textContent,
    button: root.querySelector('a[style*="display:inline-block"]') as HTMLAnchorElement,
    logo: root.querySelector('img'),
    elements: [...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
  };
}

test('when the organization has a name, colour and logo, then the notice carries all three with readable button text', () => {
  const notice = parse(noticeHtml(PORTAL, { organizationName: 'Harbor Clinic', accentColor: '#7A1F5C', logoUrl: LOGO }));
  expect(notice.title).toBe('Secure message from Harbor Clinic');
  expect(notice.button.getAttribute('href')).toBe(PORTAL);
  expect(notice.button.getAttribute('style')).toContain('background:#7a1f5c;color:#ffffff');
  expect(notice.root.getAttribute('style')).toContain('border-left:4px solid #7a1f5c');
  expect([notice.logo?.getAttribute('src'), notice.logo?.getAttribute('alt')]).toEqual([LOGO, 'Harbor Clinic']);
});

test('when the accent is light, then the button text turns dark', () => {
  const notice = parse(noticeHtml(PORTAL, { organizationName: 'Sunny Farms', accentColor: '#ffd94a', logoUrl: null }));
  expect(notice.button.getAttribute('style')).toContain('background:#ffd94a;color:#1b1b1b');
  expect(notice.logo).toBeNull();
});

test('when there is no brand, then the notice is Sealpost\'s own, with its default colour', () => {
  const notice = parse(noticeHtml(PORTAL));
  expect(notice.title).toBe('Sealpost secure message');
  expect(notice.button.getAttribute('style')).toContain('background:#0f6cbd;color:#ffffff');
  expect(notice.logo).toBeNull();
});

test.each([
  ['a CSS injection', 'red;background:url(https://evil.example/x)'],
  ['a short colour', '#abc'],
  ['a non-hex colour', '#12345g'],
  ['a named colour', 'red'],
])('when the accent is %s, then the default colour is used and nothing of it appears', (_what, accentColor) => {
  const html = noticeHtml(PORTAL, { organizationName: 'Harbor Clinic', accentColor, logoUrl: null });
  expect(parse(html).button.getAttribute('style')).toContain('background:#0f6cbd');
  expect(html).not.toContain(accentColor);
});

test('when the organization name holds markup, then it is shown as text and adds no element', () => {
  const name = '<img src=x onerror=alert(1)> "Evil" & <script>alert(2)</script>';
  const html = noticeHtml(PORTAL, { organizationName: name, accentColor: null, logoUrl: LOGO });
  const notice = parse(html);
  expect(notice.title).toBe(`Secure message from ${name}`);
  expect(notice.logo!.getAttribute('alt')).toBe(name);
  expect(notice.elements.filter((e) => e === 'img' || e === 'script')).toEqual(['img']);
  expect(html).not.toContain('<script');
});

test('when the name is long or spread over lines, then it becomes one line of at most 120 characters', () => {
  const notice = parse(noticeHtml(PORTAL, { organizationName: `  Harbor\n\tClinic ${'x'.repeat(300)}`, accentColor: null, logoUrl: null }));
  const name = notice.title!.replace('Secure message from ', '');
  expect(name.startsWith('Harbor Clinic x')).toBe(true);
  expect(name).toHaveLength(120);
});

test.each([
  ['a javascript: address', 'javascript:alert(1)'],
  ['a data: address', 'data:image/png;base64,AAAA'],
  ['a relative address', '/api/v1/branding/logo/x'],
  ['an address that closes the attribute', 'https://x.example/a" onerror="alert(1)'],
])('when the logo is %s, then no image is shown', (_what, logoUrl) => {
  const html = noticeHtml(PORTAL, { organizationName: 'Harbor Clinic', accentColor: null, logoUrl });
  expect(parse(html).logo).toBeNull();
  expect(html).not.toContain('onerror');
});

test('when the portal link holds markup, then it stays inside its attribute', () => {
  const url = 'https://sealpost.example.com/portal/"><script>alert(1)</script>';
  const html = noticeHtml(url, null);
  expect(parse(html).elements).not.toContain('script');
  expect(isOnlyNotice(html, 'html', url, null)).toBe(true);
});
