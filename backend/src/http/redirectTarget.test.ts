/**
 * Every redirect the site makes after sign-in or registration goes through redirectTarget: a table of hostile forms
 * must come out as "no target" (the caller then uses its default), and ordinary portal paths must survive.
 */
import { safeNext } from '../routes/pages/authPages.router';
import { portalNext } from '../../web/src/register/nextPath';
import { redirectTarget } from './redirectTarget';

const hostile: Array<[string, unknown]> = [
  ['a protocol-relative address', '//evil.example'],
  ['a dot segment that normalizes to two slashes', '/.//evil.example'],
  ['two dot segments that normalize to two slashes', '/././/evil.example/portal'],
  ['a climb that normalizes to two slashes', '/a/..//evil.example'],
  ['a backslash after the slash', '/\\evil.example'],
  ['a backslash further on', '/portal\\..\\..\\/evil.example'],
  ['an encoded slash', '/%2f/evil.example'],
  ['an encoded slash in upper case', '/%2F%2Fevil.example'],
  ['an encoded backslash', '/%5cevil.example'],
  ['an encoded dot', '/%2e/%2e//evil.example'],
  ['a tab inside the slashes', '/\t/evil.example'],
  ['a newline inside the slashes', '/\n/evil.example'],
  ['a carriage return and header', '/portal\r\nSet-Cookie: a=b'],
  ['an encoded newline', '/portal%0d%0aSet-Cookie:%20a=b'],
  ['a NUL byte', '/portal\u0000/x'],
  ['a leading space', ' //evil.example'],
  ['a fullwidth solidus', '/\uff0fevil.example'],
  ['a fraction slash', '/\u2044evil.example'],
  ['a division slash', '/\u2215evil.example'],
  ['a fullwidth reverse solidus', '/\uff3cevil.example'],
  ['a right-to-left override', '/portal/\u202Egnp.exe'],
  ['an absolute https address', 'https://evil.example/portal'],
  ['an absolute address of this site', 'http://sealpost.invalid/portal'],
  ['a scheme-relative with credentials', '//user:pass@evil.example'],
  ['a javascript: address', 'javascript:alert(1)'],
  ['a javascript: address behind a slash', '/javascript:alert(1)//'.replace(/^\//, '')],
  ['a data: address', 'data:text/html,<script>alert(1)</script>'],
  ['a relative path', 'portal/messages'],
  ['nothing', ''],
  ['not a string', ['/portal']],
  ['a huge path', `/portal/${'a'.repeat(3000)}`],
];

test.each(hostile)('when the target is %s, then there is no redirect target', (_what, value) => {
  expect(redirectTarget(value)).toBeNull();
  expect(redirectTarget(value, { within: '/portal' })).toBeNull();
  expect(safeNext(value)).toBeNull();
  expect(portalNext(value as string)).toBeNull();
});

test('when the target is a path of this site, then it is kept, normalized as a browser would', () => {
  expect(redirectTarget('/portal/messages/0b6e69aa-1111-4222-8333-444455556666')).toBe('/portal/messages/0b6e69aa-1111-4222-8333-444455556666');
  expect(redirectTarget('/portal/sent?q=tax#top')).toBe('/portal/sent?q=tax#top');
  expect(redirectTarget('/portal/../admin')).toBe('/admin');
  expect(redirectTarget('/portal/./inbox')).toBe('/portal/inbox');
});

test('when a target is asked to lie under /portal, then look-alikes and climbs out are refused', () => {
  expect(redirectTarget('/portal', { within: '/portal' })).toBe('/portal');
  expect(redirectTarget('/portalevil', { within: '/portal' })).toBeNull();
  expect(redirectTarget('/portal/../admin', { within: '/portal' })).toBeNull();
  expect(redirectTarget('/admin', { within: '/portal' })).toBeNull();
});

test('when the sign-in page would return to itself, then there is no target (no loop)', () => {
  expect(safeNext('/')).toBeNull();
  expect(safeNext('/login?next=/login')).toBeNull();
  expect(safeNext('/logout')).toBeNull();
  expect(safeNext('/admin')).toBe('/admin');
});
