/**
 * The sentences the Smart Alerts dialog shows when a secure send must stop. Outlook cuts nothing for us and
 * refuses more than 500 characters, so names are listed only while they fit ("and 3 more" covers the rest).
 */
import { MAX_ERROR_MESSAGE, type NextStep } from '../office/smartAlerts';
import type { ReviewRow, SendAssessment } from '../recipients/review';

const label = (row: ReviewRow) => (row.email && row.displayName && row.displayName !== row.email ? `${row.displayName} (${row.email})` : row.email ?? row.displayName);

/** "a, b and c", or "a, b and 4 more" when the whole list would not fit in `budget` characters. */
export function nameList(rows: ReviewRow[], budget: number): string {
  const names = rows.map(label);
  for (let shown = names.length; shown >= 1; shown--) {
    const rest = names.length - shown;
    const head = names.slice(0, shown);
    const text =
      rest > 0
        ? `${head.join(', ')} and ${rest} more`
        : head.length > 1
          ? `${head.slice(0, -1).join(', ')} and ${head[head.length - 1]}`
          : head[0]!;
    if (text.length <= budget) return text;
  }
  return `${names.length} recipients`;
}

function sentence(template: (names: string) => string, rows: ReviewRow[], budget: number): string {
  const fixed = template('').length;
  return template(nameList(rows, Math.max(20, budget - fixed)));
}

/**
 * The sentence that gets the sender on, with the dialog's button (Mailbox 1.14+) or, where Outlook has no such button,
 * with the ribbon button of the manifest ("Send securely", OpenTaskpane.Label). completionFor picks one.
 */
export const NEXT_STEPS = {
  review: {
    withButton: 'Choose Review to check the recipients.',
    fromRibbon: 'Open Sealpost with "Send securely" on the ribbon to check the recipients, then send again.',
  },
  signIn: {
    withButton: 'Choose Sign in, then send again.',
    fromRibbon: 'Open Sealpost with "Send securely" on the ribbon and sign in, then send again.',
  },
} as const satisfies Record<string, NextStep>;

const longestStep = (step: NextStep) => Math.max(step.withButton.length, step.fromRibbon.length);

/** Recipient problems, most serious first; with NEXT_STEPS.review after it, in at most 500 characters. */
export function recipientProblemMessage(assessment: SendAssessment): string {
  const parts: { rows: ReviewRow[]; template: (names: string) => string }[] = [];
  if (assessment.cannotReceive.length) {
    parts.push({ rows: assessment.cannotReceive, template: (n) => `Sealpost cannot deliver to ${n}. Remove them to send securely.` });
  }
  if (assessment.lists.length) {
    const many = assessment.lists.length > 1;
    parts.push({
      rows: assessment.lists,
      template: (n) => `${n} ${many ? 'are lists' : 'is a list'}: Sealpost never invites a list. Add the people on it yourself, then remove the list.`,
    });
  }
  if (assessment.unusable.length) {
    parts.push({
      rows: assessment.unusable,
      template: (n) => `${n} ${assessment.unusable.length > 1 ? 'have' : 'has'} no usable email address (expand contact groups).`,
    });
  }
  if (assessment.skipped.length) {
    parts.push({ rows: assessment.skipped, template: (n) => `You chose not to invite ${n}: remove them from the message.` });
  }
  if (assessment.unconfirmed.length) {
    const many = assessment.unconfirmed.length > 1;
    parts.push({
      rows: assessment.unconfirmed,
      template: (n) => `${n} ${many ? 'are' : 'is'} new to Sealpost. Confirm the invitation${many ? 's' : ''} before sending securely.`,
    });
  }
  if (!parts.length) return 'Add at least one recipient other than yourself to send securely.';
  let budget = MAX_ERROR_MESSAGE - longestStep(NEXT_STEPS.review) - 1;
  const out: string[] = [];
  parts.forEach((part, i) => {
    // Each later part keeps room for the ones after it.
    const share = Math.floor(budget / (parts.length - i));
    const text = sentence(part.template, part.rows, share);
    out.push(text);
    budget -= text.length + 1;
  });
  return out.join(' ');
}

/** Why the sender must sign in; NEXT_STEPS.signIn follows each. */
export const SIGN_IN_REASONS = {
  signIn: 'Sign in to Sealpost to send this message securely.',
  /** The organization's policy applies but the handler cannot check who is outside it. */
  policySignIn: 'Your organization requires secure sending to people outside it, and Sealpost needs you signed in to check the recipients.',
  /** Switch off, and this device has never learnt the organization's rules. */
  firstSignIn: "Sign in to Sealpost once on this device so it can apply your organization's rules for secure email.",
  sessionEnded: 'Your Sealpost sign-in has ended.',
} as const;

export const MESSAGES = {
  unreachable:
    'Sealpost could not be reached, so this secure message was not sent. Check the connection and send again, or turn off "Send securely" in the Sealpost pane.',
  noSessionData:
    'This version of Outlook cannot share the secure-send settings with Sealpost. Update Outlook, or send from Outlook on the web.',
  failed: 'Sealpost could not finish sending this message securely, so it was not sent. Send again; if it keeps failing, contact your administrator.',
  tooSlow: 'Sealpost took too long to prepare this secure message, so it was not sent. Send again.',
  /** A reply whose earlier messages Outlook on the web keeps collapsed and appends after the handler (office-js#1779). */
  collapsedQuote:
    'Outlook would add the earlier messages of this conversation after Sealpost secured it, so it was not sent. Expand the quoted text at the end of the message (the "..." button), then send again.',
  /** After the rewrite, Outlook would still send more than the notice. */
  notOnlyNotice:
    'Sealpost stored the message securely, but Outlook would still send other text with the notice (for example collapsed quoted text), so nothing was sent. Expand any quoted text under the notice, delete it, then send again.',
  /** Stored before, changed since: Sealpost would not deliver the changes. */
  changedAfterStore:
    'Sealpost already stored this message securely, and its text or its recipients changed since, so it was not sent: Sealpost would not deliver the changes. Undo them and send again, or put the changes in a new message.',
  inlineMissing:
    'A picture in this message is not among the attachments Outlook gives Sealpost, so it was not sent: the recipients would miss it. Save the draft and send again, or remove the picture and attach it as a file.',
  /** external_always, and Outlook shows no recipient to check (unresolved addresses). */
  noVisibleRecipients:
    'Your organization requires secure sending to people outside it, and Outlook showed Sealpost no recipients for this message, so it was not sent. Check that each address is complete and recognised, then send again.',
  rewriteFailed:
    'Sealpost stored the message securely but could not replace its content in Outlook, so nothing was sent in the clear. Send again to finish.',
} as const;

/** Outlook gave no bytes for an attachment it lists (office-js#6098): uploading it would deliver an empty file. */
export function emptyAttachmentMessage(name: string): string {
  const shown = name.length > 80 ? `${name.slice(0, 79)}…` : name;
  return `Outlook gave Sealpost no content for "${shown}", so this secure message was not sent. Remove the attachment, attach it again, then send again.`;
}

/** The message goes from a mailbox that is not the signed-in Sealpost person's (shared or delegate). */
export function mailboxMismatchMessage(mailbox: string, signedInAs: string): string {
  const text =
    `This message goes from ${mailbox}, but you are signed in to Sealpost as ${signedInAs}, and Sealpost sends only as the person signed in. ` +
    `Send it from your own mailbox, or sign in to Sealpost as ${mailbox}.`;
  return text.length <= MAX_ERROR_MESSAGE ? text : `${text.slice(0, MAX_ERROR_MESSAGE - 1)}…`;
}

/** Backend refusals carry a sentence for people; it goes into the dialog within the limit. */
export function refusalMessage(detail: string): string {
  const prefix = 'Sealpost did not accept this message: ';
  const text = `${prefix}${detail}`;
  return text.length <= MAX_ERROR_MESSAGE ? text : `${text.slice(0, MAX_ERROR_MESSAGE - 1)}…`;
}
