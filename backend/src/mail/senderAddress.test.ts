/** The From header of an email someone caused: their name, our address. */
import { addressOf, fromHeader } from './senderAddress';

test('when a sender name carries controls or is very long, then the From header stays one bounded line', () => {
  const long = 'Ä'.repeat(200) + '\u{1F600}';
  const header = fromHeader('Sealpost <no-reply@sealpost.test>', `Eve\r\nBcc: x@evil.test\u202E ${long}`) as { name: string; address: string };
  expect(header.address).toBe('no-reply@sealpost.test');
  expect(header.name).not.toMatch(/[\r\n\u202E]/);
  expect(header.name.startsWith('Eve Bcc: x@evil.test')).toBe(true);
  expect([...header.name.replace(/ via Sealpost$/, '')]).toHaveLength(120);
  expect(fromHeader('no-reply@sealpost.test', undefined)).toBe('no-reply@sealpost.test');
});

test('the configured address is taken from MAIL_FROM with or without a name', () => {
  expect(addressOf('Sealpost <no-reply@sealpost.test>')).toBe('no-reply@sealpost.test');
  expect(addressOf(' no-reply@sealpost.test ')).toBe('no-reply@sealpost.test');
});
