/**
 * Where the registration page sends a newly registered person: the /portal page the invitation link names, and
 * nowhere else — other origins, protocol-relative or backslashed addresses and pages outside the portal are ignored.
 */
import { portalNext } from '../../../web/src/register/nextPath';

const ORIGIN = 'https://sealpost.example.com';

test('when next names a portal page of this site, then it is where registration lands', () => {
  expect(portalNext('/portal/messages/0b6e69aa-1111-4222-8333-444455556666')).toBe('/portal/messages/0b6e69aa-1111-4222-8333-444455556666');
  expect(portalNext('/portal')).toBe('/portal');
  expect(portalNext('/portal/sent?q=tax#top')).toBe('/portal/sent?q=tax#top');
});

test.each([
  ['another origin', 'https://evil.example/portal/messages/1'],
  ['this origin written out in full', `${ORIGIN}/portal`],
  ['a protocol-relative address', '//evil.example/portal'],
  ['a backslashed address', '/\\evil.example/portal'],
  ['a javascript: address', 'javascript:alert(1)'],
  ['a page outside the portal', '/admin'],
  ['a look-alike path', '/portalevil'],
  ['a path that climbs out of the portal', '/portal/../admin'],
  ['a control character', '/portal/\nSet-Cookie'],
  ['nothing', ''],
])('when next is %s, then it is ignored', (_what, next) => {
  expect(portalNext(next)).toBeNull();
});
