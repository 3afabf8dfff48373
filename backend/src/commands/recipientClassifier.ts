/**
 * Sorts the recipients of a message being written: who is already a member, who would be invited (as guest, or as
 * pro by domain policy), who cannot receive, and which entries are not usable addresses. One database round trip.
 */
import { EMAIL_MAX, normalizeEmail } from '../auth/email';
import type { Outcome } from '../contract/errors';
import type { AppDeps } from '../deps';
import type { ActingMember } from '../auth/actor';
import { allows } from '../policies/authorize';
import type { RecipientFacts } from '../store';
import { markLookalikes, type Lookalike } from '../recipients/lookalikeWarnings';

// The outcomes are part of the API contract, which the add-in and the portal read too.
export type { Outcome };

export type InvalidReason = 'no_address' | 'bad_syntax' | 'too_long';

export interface Classified {
  input: string;
  email: string | null;
  displayName: string | null;
  outcome: Outcome;
  reason?: InvalidReason;
  /** A first-time recipient whose domain imitates the sender's or one the organization already writes to. */
  lookalike?: Lookalike;
}

export interface Classification {
  recipients: Classified[];
  /** Seats left after the new pros above; absent for guests, who do not see the organization's seats. */
  seats?: { purchased: number; used: number; remaining: number };
}

/** The normalized address, or why the entry is not one (normalizing once: it is the costly part). */
function addressOf(raw: string): { email: string; reason: null } | { email: null; reason: InvalidReason } {
  const trimmed = raw.trim();
  if (!trimmed) return { email: null, reason: 'no_address' };
  if (trimmed.length > EMAIL_MAX) return { email: null, reason: 'too_long' };
  const email = normalizeEmail(trimmed);
  return email ? { email, reason: null } : { email: null, reason: 'bad_syntax' };
}

export async function classifyRecipients(
  deps: AppDeps,
  actor: ActingMember,
  input: { email: string; displayName?: string }[],
): Promise<Classification> {
  // Collapse duplicates (by normalized address, or by the raw text for unusable entries), keeping the first name.
  const unique = new Map<string, Classified>();
  for (const entry of input) {
    const { email, reason } = addressOf(entry.email);
    const key = email ?? `raw:${entry.email.trim()}`;
    if (unique.has(key)) continue;
    // `reason` is set only when there is one (assigned, not spread: spreads cost V8 ~1 µs an entry).
    const classified: Classified = { input: entry.email, email, displayName: entry.displayName?.trim() || null, outcome: reason ? 'invalid' : 'new_guest' };
    if (reason) classified.reason = reason;
    unique.set(key, classified);
  }
  const valid = [...unique.values()].filter((r) => r.email && r.email !== actor.account.email);
  const facts = await deps.store.recipients.factsFor(actor.organization.id, valid.map((r) => r.email!));
  const byEmail = new Map(facts.recipients.map((f) => [f.email, f]));

  const isGuest = !allows(actor, 'messages.writeToAnyone');
  let remaining = Math.max(0, facts.seatsPurchased - facts.seatsUsed);
  for (const recipient of unique.values()) {
    if (recipient.outcome === 'invalid') continue;
    if (recipient.email === actor.account.email) {
      recipient.outcome = 'self';
      continue;
    }
    const fact = byEmail.get(recipient.email!)!;
    recipient.outcome = isGuest ? outcomeForGuest(fact) : outcomeForPro(fact, facts.autoProvision === 'pro' && remaining > 0);
    if (recipient.outcome === 'new_pro') remaining -= 1;
  }
  const classification: Classification = { recipients: [...unique.values()] };
  if (!isGuest) markLookalikes(actor.account.email, facts.trustedDomains, classification.recipients);
  if (!isGuest) classification.seats = { purchased: facts.seatsPurchased, used: facts.seatsUsed, remaining };
  return classification;
}

function outcomeForPro(fact: RecipientFacts, proSeatAvailable: boolean): Outcome {
  if (fact.accountBlocked || fact.membershipStatus === 'blocked') return 'blocked';
  switch (fact.membershipStatus) {
    case 'active':
      return fact.membershipType === 'pro' ? 'member_pro' : 'member_guest';
    case 'invited':
      return 'invited';
    case 'removed':
      return 'removed';
    default:
      return fact.domainVerified && proSeatAvailable ? 'new_pro' : 'new_guest';
  }
}

/** Guests may write only to the organization's pros, and learn nothing else about who is a member. */
function outcomeForGuest(fact: RecipientFacts): Outcome {
  return fact.membershipStatus === 'active' && fact.membershipType === 'pro' && !fact.accountBlocked ? 'member_pro' : 'not_allowed';
}
