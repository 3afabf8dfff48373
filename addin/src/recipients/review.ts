/**
 * Who the message goes to, as the sender needs to see it before a secure send: each Outlook recipient matched
 * with the backend's classification and the sender's decision, and what (if anything) stops the send.
 * Pure functions shared by the task pane (badges, review panel) and the Smart Alerts handler (block or send).
 */
import type { Outcome } from '@contract/errors';
import type { ClassifiedRecipient } from '@contract/recipients';
import type { Decisions, SecureSendPolicy } from '../item/itemState';
import type { Recipient, RecipientField } from '../office/OfficeAdapter';

export type RecipientStatus =
  /** Not classified yet (first load, or the backend has not answered). */
  | 'pending'
  | 'member'
  | 'invited'
  | 'self'
  /** New to the organization: invited on send once the sender confirms. */
  | 'new_unconfirmed'
  | 'new_confirmed'
  /** The sender chose not to invite them: they must come off the message. */
  | 'new_skipped'
  /** Blocked, removed, or (for a guest sender) outside who they may write to. */
  | 'cannot_receive'
  /** No address, or not a usable address. */
  | 'unusable'
  /**
   * An Exchange distribution list or a contact group: never invited or delivered to (every member would share one
   * guest account). The sender adds the people themselves.
   */
  | 'distribution_list';

export interface ReviewRow {
  /** Stable React key and identity: the normalized address, or the raw entry for unusable ones. */
  key: string;
  displayName: string;
  email: string | null;
  field: RecipientField;
  outcome: Outcome | null;
  status: RecipientStatus;
  /**
   * Outlook typed it "other": it may be a list the client did not call one (a dynamic distribution list in classic
   * Windows, office-js#3249; a list added from a contact card, office-js#5035; a Microsoft 365 group on the web,
   * office-js#1909). A new one is invited only after the sender confirms it is one person.
   */
  maybeList?: boolean;
}

export interface SendAssessment {
  /** Nothing stops the send. */
  ready: boolean;
  unconfirmed: ReviewRow[];
  skipped: ReviewRow[];
  cannotReceive: ReviewRow[];
  unusable: ReviewRow[];
  lists: ReviewRow[];
  /** Addresses to send as confirmedInvitations. */
  confirmedInvitations: string[];
}

export type RecipientsByField = Record<RecipientField, Recipient[]>;

const lower = (s: string) => s.trim().toLowerCase();

/** Every recipient once (first field wins: to, then cc, then bcc), as the backend counts them. */
export function flattenRecipients(byField: RecipientsByField): { field: RecipientField; recipient: Recipient }[] {
  const seen = new Set<string>();
  const out: { field: RecipientField; recipient: Recipient }[] = [];
  for (const field of ['to', 'cc', 'bcc'] as const) {
    for (const recipient of byField[field]) {
      const id = recipient.emailAddress ? lower(recipient.emailAddress) : `noaddress:${recipient.displayName}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ field, recipient });
    }
  }
  return out;
}

/**
 * A list rather than a person. Outlook reports an Exchange distribution list as recipientType "distributionList"
 * (Office.MailboxEnums.RecipientType: https://learn.microsoft.com/javascript/api/outlook/office.mailboxenums.recipienttype),
 * with or without an address; a personal contact group can arrive without an address and typed "other" on some
 * clients, which the no-address rule below still stops. Compared without case: clients differ in spelling.
 */
export const isList = (recipient: Recipient): boolean => recipient.recipientType.toLowerCase() === 'distributionlist';

/** What goes to POST /recipients/classify: only people with an address (a list is never classified or invited). */
export function classifyInput(byField: RecipientsByField): { email: string; displayName?: string }[] {
  return flattenRecipients(byField)
    .filter((r) => r.recipient.emailAddress && !isList(r.recipient))
    .map(({ recipient }) => ({ email: recipient.emailAddress!, ...(recipient.displayName ? { displayName: recipient.displayName } : {}) }));
}

function statusOf(outcome: Outcome, email: string | null, decisions: Decisions): RecipientStatus {
  switch (outcome) {
    case 'member_pro':
    case 'member_guest':
      return 'member';
    case 'invited':
      return 'invited';
    case 'self':
      return 'self';
    case 'new_guest':
    case 'new_pro':
      if (email && decisions.confirmed.includes(email)) return 'new_confirmed';
      if (email && decisions.skipped.includes(email)) return 'new_skipped';
      return 'new_unconfirmed';
    case 'blocked':
    case 'removed':
    case 'not_allowed':
      return 'cannot_receive';
    case 'invalid':
      return 'unusable';
  }
}

/** One row per recipient; `classified` null means the backend has not answered yet. */
export function reviewRows(byField: RecipientsByField, classified: ClassifiedRecipient[] | null, decisions: Decisions): ReviewRow[] {
  const byInput = new Map<string, ClassifiedRecipient>();
  const byEmail = new Map<string, ClassifiedRecipient>();
  for (const c of classified ?? []) {
    byInput.set(c.input, c);
    if (c.email) byEmail.set(c.email, c);
  }
  return flattenRecipients(byField).map(({ field, recipient }) => {
    const address = recipient.emailAddress;
    if (isList(recipient)) {
      const email = address ? lower(address) : null;
      return { key: email ? `list:${email}` : `noaddress:${recipient.displayName}`, displayName: recipient.displayName || email || 'Unnamed list', email, field, outcome: null, status: 'distribution_list' };
    }
    if (!address) {
      return { key: `noaddress:${recipient.displayName}`, displayName: recipient.displayName || 'Unnamed recipient', email: null, field, outcome: null, status: 'unusable' };
    }
    const match = byInput.get(address) ?? byEmail.get(lower(address));
    const email = match?.email ?? lower(address);
    return {
      key: match?.email ?? `raw:${address}`,
      displayName: recipient.displayName || match?.displayName || email,
      email,
      field,
      outcome: match ? match.outcome : null,
      status: match ? statusOf(match.outcome, match.email, decisions) : 'pending',
      ...(recipient.recipientType.toLowerCase() === 'other' ? { maybeList: true } : {}),
    };
  });
}

export function assessSend(rows: ReviewRow[]): SendAssessment {
  const pick = (...statuses: RecipientStatus[]) => rows.filter((r) => statuses.includes(r.status));
  const unconfirmed = pick('new_unconfirmed', 'pending');
  const skipped = pick('new_skipped');
  const cannotReceive = pick('cannot_receive');
  const unusable = pick('unusable');
  const lists = pick('distribution_list');
  return {
    ready: unconfirmed.length + skipped.length + cannotReceive.length + unusable.length + lists.length === 0 && rows.some((r) => r.status !== 'self'),
    unconfirmed,
    skipped,
    cannotReceive,
    unusable,
    lists,
    confirmedInvitations: pick('new_confirmed').map((r) => r.email!),
  };
}

/** Records a decision for one address, replacing any earlier one. */
export function decide(decisions: Decisions, email: string, decision: 'confirm' | 'skip' | 'undo'): Decisions {
  const confirmed = decisions.confirmed.filter((e) => e !== email);
  const skipped = decisions.skipped.filter((e) => e !== email);
  if (decision === 'confirm') confirmed.push(email);
  if (decision === 'skip') skipped.push(email);
  return { confirmed, skipped };
}

/**
 * Outside the organization: anyone but its pros and the sender. Guests, new or invited people, and rows not
 * classified yet or without an address count as outside, so an unknown never lets a message go in the clear.
 */
export const isExternal = (row: ReviewRow): boolean => row.outcome !== 'member_pro' && row.outcome !== 'self';

/** Whether the organization's policy makes this message a secure send whatever the switch says. */
export const policyRequiresSecure = (policy: SecureSendPolicy | null | undefined, rows: ReviewRow[]): boolean =>
  policy === 'external_always' && rows.some(isExternal);
