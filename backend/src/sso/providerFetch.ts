/**
 * The only way the single sign-on code reaches a provider (discovery, token endpoint, signing keys). An admin types
 * the issuer, so without care the server could be made to call its own network: this fetch refuses hosts written as
 * IP addresses and names that resolve to loopback, private, link-local, shared (CGNAT), multicast, reserved or
 * unspecified addresses, IPv6 forms of those included. The check runs on the addresses the socket actually connects
 * to (the lookup of each connection), so a name that answers a public address first and a private one later (DNS
 * rebinding) is still refused. Redirects are not followed, and each answer is capped in size and time.
 * In embedded mode (tests, a laptop) loopback is allowed, for the provider started on this machine.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface ProviderFetchOptions {
  /** Lets loopback addresses through (embedded mode only). */
  allowLoopback?: boolean;
  /** Largest answer body accepted (default 512 KiB: discovery documents and key sets are a few KiB). */
  maxBytes?: number;
  /** Whole request, connect to last byte (default 10 s). */
  timeoutMs?: number;
  /** Resolves a host name to every address it has; the system resolver unless a test gives its own. */
  resolve?: (hostname: string) => Promise<dns.LookupAddress[]>;
}

/** A destination the server must not call. Named like fetch's own network failures so callers treat it as one. */
export class RefusedDestinationError extends Error {
  constructor(reason: string) {
    super(`refused destination: ${reason}`);
    this.name = 'RefusedDestinationError';
  }
}

const DEFAULT_MAX_BYTES = 512 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Addresses no provider of ours can live at (IANA special-purpose registries for IPv4 and IPv6). */
const notPublic = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) notPublic.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  // ::/96 also holds :: and ::1 and the deprecated IPv4-compatible forms; IPv4-mapped (::ffff:0:0/96) is judged by its IPv4.
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) notPublic.addSubnet(prefix, bits, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:XXXX:XXXX), else null. */
function mappedIPv4(address: string): string | null {
  const full = new net.SocketAddress({ address, family: 'ipv6' }).address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(full);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(full);
  if (!hex) return null;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

const isLoopbackAddress = (v4OrV6: string, family: 'ipv4' | 'ipv6') =>
  family === 'ipv4' ? v4OrV6.startsWith('127.') : new net.SocketAddress({ address: v4OrV6, family }).address === '::1';

/** Why an address may not be called, or null when it may. */
export function refusalOf(address: string, options: { allowLoopback?: boolean } = {}): string | null {
  const version = net.isIP(address);
  if (version === 0) return 'not an IP address';
  let family: 'ipv4' | 'ipv6' = version === 4 ? 'ipv4' : 'ipv6';
  let judged = address;
  const mapped = family === 'ipv6' ? mappedIPv4(address) : null;
  if (mapped) [judged, family] = [mapped, 'ipv4'];
  if (options.allowLoopback && isLoopbackAddress(judged, family)) return null;
  return notPublic.check(judged, family) ? `${address} is not a public address` : null;
}

const systemResolve = (hostname: string) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A lookup for sockets that hands back only addresses that passed, and fails when any answer is refused. */
function guardedLookup(options: ProviderFetchOptions): net.LookupFunction {
  const resolve = options.resolve ?? systemResolve;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (answers) => {
        // One refused answer refuses the name: a resolver mixing public and private answers is not one to trust.
        const refused = answers.map((a) => refusalOf(a.address, options)).find((r) => r !== null);
        if (answers.length === 0 || refused) {
          callback(new RefusedDestinationError(refused ?? `${hostname} has no address`), '', 4);
          return;
        }
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? answers.filter((a) => a.family === lookupOptions.family) : answers;
        if (lookupOptions.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, wanted);
        else if (wanted[0]) callback(null, wanted[0].address, wanted[0].family);
        else callback(new RefusedDestinationError(`${hostname} has no address of that family`), '', 4);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

/** Checks what can be checked before connecting: the scheme, and a host written as an address. */
function checkedUrl(input: string | URL, options: ProviderFetchOptions): URL {
  const url = new URL(input);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RefusedDestinationError(`${url.protocol} is not a web address`);
  // An address in the URL never goes through lookup, so it is judged here.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(host)) {
    if (!options.allowLoopback || !isLoopbackAddress(host, net.isIP(host) === 4 ? 'ipv4' : 'ipv6')) {
      throw new RefusedDestinationError('the host is an IP address rather than a name');
    }
  }
  return url;
}

/** Network failures as the global fetch reports them (a TypeError with the cause), so callers need one rule. */
function asFetchFailure(error: Error): Error {
  if (error instanceof RefusedDestinationError || error.name === 'AbortError' || error.name === 'TimeoutError') return error;
  return new TypeError('fetch failed', { cause: error });
}

/** What openid-client and the key cache pass: fetch's options, with the bodies they actually send. */
export interface ProviderRequest {
  method?: string;
  headers?: HeadersInit;
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal | null;
  redirect?: string;
}
export type ProviderFetch = (input: string | URL, init?: ProviderRequest) => Promise<Response>;

async function bodyOf(body: ProviderRequest['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (body instanceof ReadableStream) return Buffer.from(await new Response(body).arrayBuffer());
  if (typeof body === 'string' || body instanceof URLSearchParams) return Buffer.from(body.toString());
  return body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** A fetch with the guard: same shape as the global one, for openid-client's `customFetch` and the key cache. */
export function providerFetch(options: ProviderFetchOptions = {}): ProviderFetch {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const lookup = guardedLookup(options);
  return async (input, init) => {
    const url = checkedUrl(input, options);
    const signals = [AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS), ...(init?.signal ? [init.signal] : [])];
    const signal = AbortSignal.any(signals);
    const body = await bodyOf(init?.body);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(
        url,
        { method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), lookup, signal, agent: false },
        (answer) => {
          const declared = Number(answer.headers['content-length']);
          if (declared > maxBytes) {
            answer.destroy();
            reject(new RefusedDestinationError(`the answer is larger than ${maxBytes} bytes`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          answer.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              answer.destroy();
              reject(new RefusedDestinationError(`the answer is larger than ${maxBytes} bytes`));
            } else chunks.push(chunk);
          });
          answer.on('error', (error) => reject(asFetchFailure(error)));
          answer.on('end', () => {
            const status = answer.statusCode ?? 502;
            const headers = new Headers();
            for (const [name, value] of Object.entries(answer.headers)) {
              if (value !== undefined) for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
            }
            const empty = status === 204 || status === 205 || status === 304 || init?.method === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: answer.statusMessage, headers }));
          });
        },
      );
      request.on('error', (error) => reject(asFetchFailure(error)));
      request.end(body);
    });
  };
}
