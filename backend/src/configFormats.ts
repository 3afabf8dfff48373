/** The formats settings are written in: each parser answers the value or throws a ConfigError saying what it must be. */
import net from 'node:net';

export type Mode = 'embedded' | 'production';

export interface Setting<T> {
  env: string;
  doc: string;
  example: string;
  /** Default per mode; `undefined` means required in that mode (or unset when optional). */
  default: (mode: Mode, env: NodeJS.ProcessEnv) => string | undefined;
  requiredIn?: Mode[];
  parse: (raw: string) => T;
  format: string;
}

export class ConfigError extends Error {}

export function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new ConfigError(`must be a whole number between ${min} and ${max}`);
    const n = Number(raw);
    if (n < min || n > max) throw new ConfigError(`must be a whole number between ${min} and ${max}`);
    return n;
  };
}

export function url(protocols: string[]) {
  return (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`must be a URL (${protocols.join(' or ')})`);
    }
    if (!protocols.includes(parsed.protocol)) throw new ConfigError(`must be a URL (${protocols.join(' or ')})`);
    return raw.replace(/\/$/, '');
  };
}

export function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T => {
    if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`must be one of ${values.join(', ')}`);
    return raw as T;
  };
}

export const text = (raw: string): string => raw;

export function secret(minBytes: number) {
  return (raw: string): Buffer => {
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length < minBytes) throw new ConfigError(`must be at least ${minBytes} random bytes, base64-encoded`);
    return bytes;
  };
}

/**
 * `ip`, `ip:port` or `[ipv6]:port`, comma-separated; answers them in the form dns.Resolver#setServers takes.
 * Empty means "the system resolvers", so the setting is never undefined.
 */
export const dnsServers = (raw: string): string[] => {
  if (raw.trim() === '') return [];
  const message = 'must be a comma-separated list of IP addresses, each optionally with :port (IPv6 as [addr]:port)';
  return raw.split(',').map((entry) => {
    const item = entry.trim();
    const match = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(item) ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(item);
    const [host, port] = match ? [match[1]!, match[2]] : [item, undefined];
    if (!net.isIP(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) throw new ConfigError(message);
    if (port === undefined) return host;
    return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
  });
};

export const boolean = (raw: string): boolean => {
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError('must be true or false');
};
