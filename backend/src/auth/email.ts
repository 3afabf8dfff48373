/** Email address normalization: one account per person, whatever case or Unicode domain they type. */
import { domainToASCII } from 'node:url';

import { EMAIL_MAX } from '../contract/auth';

// The limit is part of the API contract, where request schemas use it.
export { EMAIL_MAX };

// IDN conversion is the costly step of normalizing, and a batch of recipients repeats a few domains: remember the
// ASCII form of the domains seen lately (bounded; emptied when full).
const ASCII_DOMAINS_MAX = 5_000;
const asciiDomains = new Map<string, string>();

function asciiDomain(lowerCased: string): string {
  let ascii = asciiDomains.get(lowerCased);
  if (ascii === undefined) {
    ascii = domainToASCII(lowerCased);
    // Nothing longer than a domain name can be is worth keeping.
    if (lowerCased.length <= EMAIL_MAX) {
      if (asciiDomains.size >= ASCII_DOMAINS_MAX) asciiDomains.clear();
      asciiDomains.set(lowerCased, ascii);
    }
  }
  return ascii;
}

/** Trimmed, lower-cased local part and domain, IDN domain as ASCII (punycode); null when not an address. */
export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at).toLowerCase();
  const domain = asciiDomain(trimmed.slice(at + 1).toLowerCase());
  if (!domain || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) return null;
  if (!/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return null;
  }
  const email = `${local}@${domain}`;
  return email.length <= EMAIL_MAX && local.length <= 64 ? email : null;
}
