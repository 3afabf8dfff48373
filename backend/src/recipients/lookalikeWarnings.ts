/**
 * Adds misdirected-recipient warnings to a classification: a first-time recipient (new_guest, new_pro) whose domain
 * imitates the sender's own domain or the domain of someone on the message the organization already writes to
 * (member or invited) gets `lookalike: {resembles, reason}`. Bounded by the batch (500 recipients, classify's limit).
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

export function markLookalikes(senderEmail: string, recipients: Annotated[]): void {
  const trusted = new Set([domainOf(senderEmail)]);
  for (const r of recipients) if (r.email && KNOWN.has(r.outcome)) trusted.add(domainOf(r.email));
  for (const r of recipients) {
    if (!r.email || !FIRST_TIME.has(r.outcome)) continue;
    const found = lookalikeOf(domainOf(r.email), trusted);
    if (found) r.lookalike = found;
  }
}
