/** Lookalike domains: homoglyphs, punycode, one-letter edits, hyphens, other TLDs; and what must not warn. */
import { editDistanceAtMost, lookalikeOf, skeleton } from './lookalike';

const TRUSTED = ['harborclinic.org', 'northwind-labs.com', 'gmail.com'];

test.each([
  ['harborc1inic.org', 'harborclinic.org', 'confusable'],
  ['harborcIinic.org', 'harborclinic.org', 'confusable'],
  ['harborclinic.org'.replace('o', 'о'), 'harborclinic.org', 'punycode'], // Cyrillic о
  ['xn--hrborclinic-yij.org', 'harborclinic.org', 'punycode'], // hаrborclinic.org with a Cyrillic а, as punycode
  ['harbourclinic.org', 'harborclinic.org', 'one_edit'],
  ['harborclinc.org', 'harborclinic.org', 'one_edit'],
  ['harbroclinic.org', 'harborclinic.org', 'one_edit'],
  ['harbor-clinic.org', 'harborclinic.org', 'hyphen'],
  ['northwindlabs.com', 'northwind-labs.com', 'hyphen'],
  ['harborclinic.co', 'harborclinic.org', 'other_tld'],
  ['harborclinic.co.uk', 'harborclinic.org', 'other_tld'],
  ['gmai1.com', 'gmail.com', 'confusable'],
  ['gmial.com', 'gmail.com', 'one_edit'],
])('when a recipient writes from %s, then it is a lookalike of %s (%s)', (domain, resembles, reason) => {
  expect(lookalikeOf(domain, TRUSTED)).toEqual({ resembles, reason });
});

test.each([
  ['harborclinic.org'],
  ['HarborClinic.ORG.'],
  ['client.example'],
  ['mail.harborclinic.org'],
  ['outlook.com'],
  ['ab.io'],
])('when a recipient writes from %s, then there is no warning', (domain) => {
  expect(lookalikeOf(domain, TRUSTED)).toBeNull();
});

test('when trusted names are short, then honest neighbours are not flagged by edit distance', () => {
  expect(lookalikeOf('abcd.com', ['abce.com'])).toBeNull();
  expect(lookalikeOf('abc0.com', ['abco.com'])).toEqual({ resembles: 'abco.com', reason: 'confusable' });
});

test('when homoglyphs from Cyrillic and Greek spell a Latin name, then the skeletons agree', () => {
  expect(skeleton('раураl.com')).toBe(skeleton('paypal.com'));
  expect(skeleton('gοοgle.com')).toBe(skeleton('google.com'));
  expect(skeleton('modern.com')).toBe(skeleton('rnodern.com'));
});

test('when strings differ by more than the bound, then the banded distance stops early with bound + 1', () => {
  expect(editDistanceAtMost('kitten', 'sitting', 2)).toBe(3);
  expect(editDistanceAtMost('abcdef', 'abdcef', 1)).toBe(1);
  expect(editDistanceAtMost('a'.repeat(250), 'b'.repeat(250), 2)).toBe(3);
});

test('when hostile input arrives (huge, NUL, bidi, lone surrogate, no dot), then it answers null or a warning without throwing', () => {
  for (const hostile of ['a'.repeat(1_000_000), 'harbor\u0000clinic.org', '\u202eharborclinic.org', 'harbor\ud800clinic.org', 'nodot', '', '.', 'xn--.org']) {
    expect(() => lookalikeOf(hostile, TRUSTED)).not.toThrow();
  }
  expect(lookalikeOf('a'.repeat(1_000_000), TRUSTED)).toBeNull();
});
