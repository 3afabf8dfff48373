/**
 * TXT lookups against a real DNS server on loopback: values, split records, missing names, SERVFAIL, silence and a
 * server that is down all come back as outcomes, never as exceptions. Also how DNS_SERVERS is read.
 */
import { loadConfig } from '../config';
import { deadDnsAddress, startTxtDnsServer, type TxtDnsServer } from './testing/txtDnsServer';
import { lookupTxt } from './txtLookup';

let dns: TxtDnsServer;
beforeAll(async () => {
  dns = await startTxtDnsServer();
});
afterAll(async () => {
  await dns.stop();
});

test('when the domain has TXT records, then every value comes back, a split record joined into one', async () => {
  dns.records.set('harbor.example', ['v=spf1 -all', ['sealpost-verification=', 'abc']]);
  expect(await lookupTxt('harbor.example', [dns.address])).toEqual({
    outcome: 'answered',
    values: ['v=spf1 -all', 'sealpost-verification=abc'],
  });
});

test('when the name does not exist or has no TXT records, then the outcome is none', async () => {
  dns.records.set('empty.example', []);
  expect(await lookupTxt('missing.example', [dns.address])).toEqual({ outcome: 'none' });
  expect(await lookupTxt('empty.example', [dns.address])).toEqual({ outcome: 'none' });
});

test('when the server answers SERVFAIL, then the outcome is failed with its code', async () => {
  dns.failing.set('broken.example', 'servfail');
  expect(await lookupTxt('broken.example', [dns.address])).toEqual({ outcome: 'failed', code: 'ESERVFAIL' });
});

test('when the server never answers, then the lookup gives up with a timeout', async () => {
  dns.failing.set('silent.example', 'silent');
  expect(await lookupTxt('silent.example', [dns.address])).toEqual({ outcome: 'timeout' });
});

test('when nothing listens at the server address, then the outcome is a timeout, not an exception', async () => {
  expect(await lookupTxt('harbor.example', [await deadDnsAddress()])).toEqual({ outcome: 'timeout' });
});

test('when DNS_SERVERS is set, then it is read as a list of ip[:port]; unset means the system resolvers', () => {
  expect(loadConfig({}).dnsServers).toEqual([]);
  expect(loadConfig({ DNS_SERVERS: '127.0.0.1:5353, 1.1.1.1,::1,[2001:db8::1]:53' }).dnsServers).toEqual([
    '127.0.0.1:5353',
    '1.1.1.1',
    '::1',
    '[2001:db8::1]:53',
  ]);
});

test.each(['ns.example.com', '1.1.1.1:0', '1.1.1.1:70000', '1.1.1.1,', '300.1.1.1'])(
  'when DNS_SERVERS is %j, then loading fails with one sentence naming it',
  (value) => {
    expect(() => loadConfig({ DNS_SERVERS: value })).toThrow(/^DNS_SERVERS must be a comma-separated list of IP addresses/);
  },
);
