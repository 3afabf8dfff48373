/**
 * Whether a host name or address can only mean this machine. The dev mailbox shows every email Sealpost sent, reset
 * and invitation links included, so embedded mode keeps it to loopback: in its settings (config.ts) and on each
 * request (mail/devMailbox.router.ts).
 */
import net from 'node:net';

/** `localhost` (and its subdomains, RFC 6761), 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  if (net.isIPv4(v4)) return v4.split('.')[0] === '127';
  return net.isIPv6(name) && new net.SocketAddress({ address: name, family: 'ipv6' }).address === '::1';
}

/** The host name of a `Host`-style value (`name`, `name:port`, `[v6]:port`); null when it is not one. */
export function hostNameOf(value: string): string | null {
  try {
    const url = new URL(`http://${value.trim()}`);
    return url.username || url.password || url.pathname !== '/' || url.search || url.hash ? null : url.hostname;
  } catch {
    return null;
  }
}
