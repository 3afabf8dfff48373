/**
 * What counts as a domain an organization can claim: a registrable host name, normalized to one spelling
 * (lower-case ASCII, IDN as punycode), and not a public email provider where anyone can get an address.
 */
import { domainToASCII } from 'node:url';
import providers from 'email-providers/all.json';

// The limit is part of the API contract, where the claim schema uses it.
import { DOMAIN_MAX } from '../contract/domains';

export { DOMAIN_MAX };
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// A top-level domain is letters or punycode; an all-digit one means an IP address slipped through.
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The one spelling of a domain we store and compare, or null when the input is not a registrable host name. */
export function normalizeDomain(input: string): string | null {
  let name = input.trim().toLowerCase();
  // A trailing dot is the fully qualified spelling of the same name.
  if (name.endsWith('.')) name = name.slice(0, -1);
  // domainToASCII parses URL hosts, which would percent-decode and accept IP addresses; a domain has neither.
  if (name === '' || name.includes('%')) return null;
  const ascii = domainToASCII(name);
  if (ascii === '' || ascii.length > DOMAIN_MAX) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  return TOP_LEVEL.test(labels[labels.length - 1]!) ? ascii : null;
}

// The list holds a few Unicode names and the odd malformed entry; normalize it the way claims are normalized.
const consumerDomains = new Set(
  (providers as string[]).map((entry) => normalizeDomain(entry)).filter((name): name is string => name !== null),
);

/**
 * True for public mail providers (gmail.com, outlook.com …). Exact names only: the list also holds names like
 * com.ar, so treating its entries as suffixes would refuse whole countries.
 */
export function isConsumerDomain(domain: string): boolean {
  return consumerDomains.has(domain);
}
