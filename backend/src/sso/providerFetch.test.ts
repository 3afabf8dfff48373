/**
 * The guard on every call the single sign-on code makes: addresses that are not public are refused, whether written
 * in the URL or answered by DNS at connect time (the system resolver's real answer for `localhost`, and a resolver
 * that changes its answer between two connections, as DNS rebinding does); loopback passes only when embedded mode
 * allows it; answers are capped in size and time; redirects are not followed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { providerFetch, refusalOf } from './providerFetch';
import { relyingParty } from './relyingParty';
import { AppError } from '../errors';

let server: http.Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits += 1;
    if (req.url === '/big') return res.end('x'.repeat(2 * 1024 * 1024));
    if (req.url === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 40; i += 1) res.write('y'.repeat(64 * 1024));
      return res.end();
    }
    if (req.url === '/stall') return; // never answers
    if (req.url === '/redirect') return res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
    if (req.url === '/echo') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, body, accept: req.headers.accept })));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const reason = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the request was expected to be refused');
};

describe('when an address is judged', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '255.255.255.255', '198.18.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1',
    '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '2002:a00:1::', '2001:db8::1',
  ])('then %s is refused', (address) => {
    expect(refusalOf(address)).toMatch(/not a public address/);
  });

  it.each(['8.8.8.8', '20.190.151.68', '2603:1036::1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('then the public %s passes', (address) => {
    expect(refusalOf(address)).toBeNull();
  });

  it('then loopback passes only when allowed, and private addresses never do', () => {
    expect(refusalOf('127.0.0.1', { allowLoopback: true })).toBeNull();
    expect(refusalOf('::1', { allowLoopback: true })).toBeNull();
    expect(refusalOf('10.0.0.1', { allowLoopback: true })).not.toBeNull();
    expect(refusalOf('169.254.169.254', { allowLoopback: true })).not.toBeNull();
  });
});

describe('when the guard is strict (production)', () => {
  const strict = providerFetch();

  it('then a host written as an IP address is refused before any connection', async () => {
    const before = hits;
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::1]:${port}/`, `https://8.8.8.8/`, `http://[::ffff:7f00:1]:${port}/`, `http://2130706433:${port}/`]) {
      expect((await reason(strict(url))).name).toBe('RefusedDestinationError');
    }
    expect(hits).toBe(before);
  });

  it('then a name the system resolver answers with loopback (localhost) is refused at connect time', async () => {
    const before = hits;
    const error = await reason(strict(`http://localhost:${port}/`));
    expect(error.name).toBe('RefusedDestinationError');
    expect(error.message).toContain('127.0.0.1 is not a public address');
    expect(hits).toBe(before);
  });

  it('then a name that answers a public address first and loopback on the next connection is refused on that connection', async () => {
    let calls = 0;
    const rebinding = providerFetch({
      resolve: async () => [{ address: (calls += 1) === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 }],
      allowLoopback: false,
    });
    // Each request is its own connection and its own lookup: the check cannot be passed once and reused.
    expect((await reason(rebinding(`http://idp.example.test:${port}/`))).name).toBe('RefusedDestinationError');
    expect((await reason(rebinding(`http://idp.example.test:${port}/`))).name).toBe('RefusedDestinationError');
    expect(calls).toBe(2);
  });

  it('then a name whose answers mix a public and a private address is refused', async () => {
    const mixed = providerFetch({ resolve: async () => [{ address: '20.190.151.68', family: 4 }, { address: '10.0.0.5', family: 4 }] });
    expect((await reason(mixed('https://idp.example.test/'))).message).toContain('10.0.0.5');
  });

  it('then a scheme other than http and https is refused', async () => {
    expect((await reason(strict('file:///etc/passwd'))).name).toBe('RefusedDestinationError');
  });

  it('then the relying party reports the refused issuer as an unreachable provider', async () => {
    const party = relyingParty();
    const error = await reason(party.beginSignIn({ issuer: `https://localhost:${port}`, clientId: 'c', clientSecret: 's' }, { redirectUri: 'https://sealpost.test/cb' }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('sso_provider_unreachable');
  });
});

describe('when loopback is allowed (embedded mode)', () => {
  const embedded = providerFetch({ allowLoopback: true, maxBytes: 1024 * 1024, timeoutMs: 500 });

  it('then a provider on this machine answers, by name and by address, with method, headers and body passed on', async () => {
    const byName = await embedded(`http://localhost:${port}/`);
    expect(await byName.json()).toEqual({ ok: true });
    const echoed = await embedded(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'grant_type=x', headers: { accept: 'application/json' } });
    expect(await echoed.json()).toEqual({ method: 'POST', body: 'grant_type=x', accept: 'application/json' });
  });

  it('then a private address is still refused', async () => {
    const privateName = providerFetch({ allowLoopback: true, resolve: async () => [{ address: '192.168.0.10', family: 4 }] });
    expect((await reason(privateName(`http://idp.example.test:${port}/`))).name).toBe('RefusedDestinationError');
  });

  it('then an answer over the size cap is refused, announced or streamed', async () => {
    expect((await reason(embedded(`http://127.0.0.1:${port}/big`))).message).toMatch(/larger than/);
    expect((await reason(embedded(`http://127.0.0.1:${port}/big-chunked`))).message).toMatch(/larger than/);
  });

  it('then a provider that never answers is given up on', async () => {
    expect((await reason(embedded(`http://127.0.0.1:${port}/stall`))).name).toMatch(/TimeoutError|AbortError/);
  });

  it('then a redirect is handed back, not followed', async () => {
    const answer = await embedded(`http://127.0.0.1:${port}/redirect`);
    expect(answer.status).toBe(302);
  });
});
