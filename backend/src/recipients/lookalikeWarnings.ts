/**
 * Adds misdirected-recipient warnings to a classification: a first-time recipient (new_guest, new_pro) whose domain
 * imitates a trusted one gets `lookalike: {resembles, reason}`. Trusted: the sender's domain, the organization's
 * verified domains and the domains its people most write from (both from the classification's one query, see
 * store/recipients.ts), and those of known people on the message. Bounded: at most 500 recipients (classify's limit)
 * × about 200 domains, each compared in time linear in the domain's length.
 */
import { lookalikeOf, type Lookalike } from './lookalike';

export type { Lookalike } from './lookalike';

interface Annotated {
  email: string | null;
  outcome: string;
  lookalike?: Lookalike;
}

const KNOWN = new Set(['member_pro', 'member_guest', 'invited', 'self']);
const FIRST_TIME = new Set(['new_guest', 'new_pro']);
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

export function markLookalikes(senderEmail: string, trustedDomains: string[], recipients: Annotated[]): void {
  if (!recipients.some((r) => r.email && FIRST_TIME.has(r.outcome))) return;
  const trusted = new Set([domainOf(senderEmail), ...trustedDomains]);
  for (const r of recipients) if (r.email && KNOWN.has(r.outcome)) trusted.add(domainOf(r.email));
  for (const r of recipients) {
    if (!r.email || !FIRST_TIME.has(r.outcome)) continue;
    const found = lookalikeOf(domainOf(r.email), trusted);
    if (found) r.lookalike = found;
  }
}
