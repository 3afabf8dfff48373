/**
 * Reads a domain's TXT records through the DNS servers named by DNS_SERVERS (or the system's), waiting a bounded
 * time. Every way a lookup can go wrong becomes an outcome the caller explains to the admin, never an exception.
 */
import { promises as dns } from 'node:dns';

/** An admin is waiting for the answer, and trying again is one click away: one try, two seconds. */
export const LOOKUP_TIMEOUT_MS = 2000;

export type TxtLookup =
  | { outcome: 'answered'; values: string[] }
  | { outcome: 'none' }
  | { outcome: 'timeout' }
  | { outcome: 'failed'; code: string };

export async function lookupTxt(domain: string, servers: string[]): Promise<TxtLookup> {
  const resolver = new dns.Resolver({ timeout: LOOKUP_TIMEOUT_MS, tries: 1 });
  if (servers.length > 0) resolver.setServers(servers);
  try {
    const records = await resolver.resolveTxt(domain);
    // A long TXT value travels as several strings of up to 255 bytes; together they are one value.
    return { outcome: 'answered', values: records.map((strings) => strings.join('')) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (code === dns.NODATA || code === dns.NOTFOUND) return { outcome: 'none' };
    // A refused UDP port (ICMP unreachable) means the same to the admin as silence: the server did not answer.
    if (code === dns.TIMEOUT || code === dns.CONNREFUSED) return { outcome: 'timeout' };
    return { outcome: 'failed', code };
  }
}
