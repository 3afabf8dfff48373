/**
 * Misdirected-recipient warnings: is a recipient's domain a lookalike of a domain the sender trusts (the
 * organization's own, or one it already writes to)? Catches homoglyphs and punycode (раypal.com, xn--…), one-letter
 * edits and swaps (harborclinlc.org), an added or dropped hyphen (harbor-clinic.org) and the same name under another
 * top-level domain (harborclinic.co). Pure and bounded: domains are cut at 253 characters, edit distance is banded
 * (at most 2), so the cost is linear in the domain's length per trusted domain.
 */
import { domainToUnicode } from 'node:url';

export type LookalikeReason = 'confusable' | 'punycode' | 'one_edit' | 'hyphen' | 'other_tld';

export interface Lookalike {
  /** The trusted domain this one resembles. */
  resembles: string;
  reason: LookalikeReason;
}

const MAX_DOMAIN = 253;

/** Characters that render like Latin letters or digits (Unicode confusables, the ones phishing uses). */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i',
  ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ɩ: 'i', ı: 'i', ł: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '|': 'l', i: 'l',
};
/** Letter pairs that read as one letter in most fonts (after the single letters above: "cI" is "cl" is "d"). */
const DIGRAPHS: [RegExp, string][] = [[/rn/g, 'm'], [/vv/g, 'w'], [/cl/g, 'd']];

/** The domain as people read it: lower case, punycode decoded, trailing dot dropped; null if not a domain. */
export function readableDomain(raw: string): string | null {
  const lower = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!lower || lower.length > MAX_DOMAIN || !lower.includes('.')) return null;
  const unicode = lower.includes('xn--') ? domainToUnicode(lower) : lower;
  return unicode || null;
}

/** What a domain looks like: accents dropped, confusables mapped to Latin, look-alike pairs merged. */
export function skeleton(domain: string): string {
  let out = '';
  for (const ch of domain.normalize('NFKD').replace(/\p{M}/gu, '')) out += CONFUSABLES[ch] ?? ch;
  for (const [pattern, replacement] of DIGRAPHS) out = out.replace(pattern, replacement);
  return out;
}

/** Damerau (adjacent swap) edit distance, or max + 1 once it exceeds max; O(length × max). */
export function editDistanceAtMost(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const far = max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (j <= max ? j : far));
  for (let i = 1; i <= a.length; i++) {
    const row = Array.from({ length: b.length + 1 }, () => far);
    row[0] = i <= max ? i : far;
    let best = row[0];
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = Math.min(d, far);
      best = Math.min(best, row[j]!);
    }
    if (best > max) return far;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, far);
}

/** Everything but the last label ("harborclinic" of harborclinic.org; "harborclinic.co" of harborclinic.co.uk). */
const withoutTld = (domain: string) => domain.slice(0, domain.lastIndexOf('.'));

/**
 * The trusted domain `domain` imitates, and how; null when it is one of them or resembles none. Short names (under
 * 5 characters before the TLD) are compared only by look, not by edit distance: too many honest neighbours.
 */
export function lookalikeOf(rawDomain: string, trusted: Iterable<string>): Lookalike | null {
  const domain = readableDomain(rawDomain);
  if (!domain) return null;
  const candidates = [...new Set([...trusted].map(readableDomain).filter((d): d is string => d !== null))];
  if (candidates.includes(domain)) return null;
  const shape = skeleton(domain);
  const punycode = rawDomain.toLowerCase().includes('xn--') || /[^\x00-\x7f]/.test(domain);
  for (const known of candidates) {
    if (skeleton(known) === shape) return { resembles: known, reason: punycode ? 'punycode' : 'confusable' };
    if (domain.replace(/-/g, '') === known.replace(/-/g, '')) return { resembles: known, reason: 'hyphen' };
    if (withoutTld(domain) === withoutTld(known) || withoutTld(domain).startsWith(`${withoutTld(known)}.`)) {
      return { resembles: known, reason: 'other_tld' };
    }
    const name = withoutTld(known);
    if (name.length >= 5 && editDistanceAtMost(domain, known, name.length >= 12 ? 2 : 1) <= (name.length >= 12 ? 2 : 1)) {
      return { resembles: known, reason: 'one_edit' };
    }
  }
  return null;
}
