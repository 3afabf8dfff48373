/** Domain names: one normalized spelling, registrable host names only, public email providers refused. */
import { isConsumerDomain, normalizeDomain } from './domainName';

test.each([
  ['  Harbor-Clinic.Example  ', 'harbor-clinic.example'],
  ['harbor.example.', 'harbor.example'],
  ['Bücher.Example', 'xn--bcher-kva.example'],
  ['例え.テスト', 'xn--r8jz45g.xn--zckzah'],
  ['mail.harbor.co.uk', 'mail.harbor.co.uk'],
])('when %j is claimed, then it is stored as %j', (input, expected) => {
  expect(normalizeDomain(input)).toBe(expected);
});

test.each([
  ['', 'empty'],
  ['localhost', 'no dot'],
  ['harbor', 'a single label'],
  ['a..b.example', 'an empty label'],
  ['.harbor.example', 'a leading dot'],
  ['-harbor.example', 'a label starting with a hyphen'],
  ['harbor-.example', 'a label ending with a hyphen'],
  ['_dmarc.harbor.example', 'an underscore'],
  ['*.harbor.example', 'a wildcard'],
  ['exa mple.com', 'a space'],
  ['http://harbor.example', 'a URL'],
  ['ana@harbor.example', 'an email address'],
  ['%68arbor.example', 'percent-encoding'],
  ['1.2.3.4', 'an IPv4 address'],
  ['0x7f.1', 'an IPv4 address in hex'],
  ['[::1]', 'an IPv6 address'],
  ['xn--zz.example', 'broken punycode'],
  [`${'a'.repeat(64)}.example`, 'a 64-character label'],
  [`${'abcdefghi.'.repeat(25)}example`, 'more than 253 characters'],
  ['harbor.c0m', 'a top-level domain with a digit'],
])('when %j (%s) is claimed, then it is not a domain', (input) => {
  expect(normalizeDomain(input)).toBeNull();
});

test('when a public email provider is checked, then it is a consumer domain and an organization domain is not', () => {
  for (const name of ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de']) {
    expect(isConsumerDomain(name)).toBe(true);
  }
  expect(isConsumerDomain('harbor-clinic.example')).toBe(false);
  // The list names com.ar as a provider; its entries are exact names, not suffixes, so .com.ar stays claimable.
  expect(isConsumerDomain('com.ar')).toBe(true);
  expect(isConsumerDomain('harbor.com.ar')).toBe(false);
});

test('when the provider list spells a name in Unicode, then its punycode spelling is refused', () => {
  expect(isConsumerDomain(normalizeDomain('müll.email')!)).toBe(true);
});
