/**
 * The emails Sealpost sends, as small typed functions returning subject, plain text and HTML.
 * Every value interpolated into HTML is escaped; links are only put into href when they are http(s),
 * so a hostile name or organization name cannot inject markup or a javascript: link.
 */

import type { EmailBrand } from './brand';
import { button, escapeHtml, greeting, layout, oneLine, p, PRODUCT } from './emailLayout';

export { escapeHtml } from './emailLayout';

export type { EmailBrand } from './brand';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  /**
   * Who the email is from as people will read it ("Ana Ruiz at Northside Clinic"), for the From name; the worker adds
   * "via Sealpost" and keeps the configured address, so the name never claims to be anyone's own mailbox.
   */
  senderName?: string;
}


function signupConfirmation(input: { name: string; organizationName?: string | null; link: string }): EmailContent {
  const org = input.organizationName ? oneLine(input.organizationName) : '';
  const subject = org ? `Confirm your ${PRODUCT} account for ${org}` : `Confirm your ${PRODUCT} account`;
  const joining = org ? `your ${PRODUCT} account for ${org}` : `your ${PRODUCT} account`;
  const text = [
    greeting(input.name),
    '',
    `Please confirm your email address to finish setting up ${joining}:`,
    '',
    input.link,
    '',
    'If you did not sign up, you can ignore this email; no account will be created.',
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(`Please confirm your email address to finish setting up ${escapeHtml(joining)}.`),
    button('Confirm email address', input.link),
    p('If you did not sign up, you can ignore this email; no account will be created.'),
  ]);
  return { subject, text, html };
}

/**
 * Goes to the owner of an address someone tried to sign up with. The requester sees the same response as for a
 * new address, so nothing is revealed to them; this email tells the owner and offers the ways back in.
 */
function accountExists(input: { signInLink: string; resetLink: string }): EmailContent {
  const subject = `Someone tried to sign up to ${PRODUCT} with your email address`;
  const text = [
    'Hello,',
    '',
    `Someone tried to create a ${PRODUCT} account with this email address, but you already have one.`,
    '',
    'If it was you, sign in here:',
    input.signInLink,
    '',
    'If you forgot your password, reset it here:',
    input.resetLink,
    '',
    'If it was not you, you can ignore this email; your account has not changed.',
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p('Hello,'),
    p(`Someone tried to create a ${PRODUCT} account with this email address, but you already have one.`),
    p('If it was you, sign in:'),
    button('Sign in', input.signInLink),
    p('If you forgot your password, reset it:'),
    button('Reset password', input.resetLink),
    p('If it was not you, you can ignore this email; your account has not changed.'),
  ]);
  return { subject, text, html };
}

function passwordReset(input: { name?: string | null; link: string; minutes: number }): EmailContent {
  const subject = `Reset your ${PRODUCT} password`;
  const minutes = `${Math.round(input.minutes)} minutes`;
  const text = [
    greeting(input.name),
    '',
    `We received a request to reset your ${PRODUCT} password. Choose a new one here:`,
    '',
    input.link,
    '',
    `The link works once and expires in ${minutes}.`,
    'If you did not ask for this, you can ignore this email; your password stays the same.',
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(`We received a request to reset your ${PRODUCT} password.`),
    button('Choose a new password', input.link),
    p(`The link works once and expires in ${escapeHtml(minutes)}.`),
    p('If you did not ask for this, you can ignore this email; your password stays the same.'),
  ]);
  return { subject, text, html };
}

/** After a change or a reset: the person learns of it even if someone else made it. Never carries the password. */
function passwordChanged(input: { name?: string | null; when: Date; resetLink: string }): EmailContent {
  const subject = `Your ${PRODUCT} password was changed`;
  const when = `${input.when.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const text = [
    greeting(input.name),
    '',
    `Your ${PRODUCT} password was changed on ${when}. Your other sessions were signed out.`,
    '',
    'If this was you, there is nothing to do.',
    'If it was not, choose a new password now and tell your organization\'s admin:',
    input.resetLink,
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(`Your ${PRODUCT} password was changed on ${escapeHtml(when)}. Your other sessions were signed out.`),
    p('If this was you, there is nothing to do. If it was not, choose a new password now and tell your organization\'s admin.'),
    button('Choose a new password', input.resetLink),
  ]);
  return { subject, text, html };
}

/** Answer to a reset asked for an address whose password cannot be reset here: no account, or a blocked one. */
function passwordResetUnavailable(input: { signUpLink: string }): EmailContent {
  const subject = `About your ${PRODUCT} password reset`;
  const text = [
    'Hello,',
    '',
    `Someone asked to reset the ${PRODUCT} password of this email address, but we cannot reset it: there is no`,
    `active ${PRODUCT} account for it. You may have signed up with another address.`,
    '',
    `To start an organization on ${PRODUCT} with this address:`,
    input.signUpLink,
    '',
    'If you did not ask for this, you can ignore this email.',
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p('Hello,'),
    p(`Someone asked to reset the ${PRODUCT} password of this email address, but we cannot reset it: there is no active ${PRODUCT} account for it. You may have signed up with another address.`),
    button('Start an organization', input.signUpLink),
    p('If you did not ask for this, you can ignore this email.'),
  ]);
  return { subject, text, html };
}

/** "Ana Ruiz at Northside Clinic": the From name of an email a person of an organization causes. */
function personAt(person: string, organization: string): string {
  return `${oneLine(person)} at ${oneLine(organization)}`;
}

function invitation(input: {
  name: string | null;
  inviterName: string;
  organizationName: string;
  link: string;
  expiresDays: number;
  /** The organization's accent colour and logo, when it set them. */
  brand?: EmailBrand;
  /** The invitation comes with a message waiting for them: say so (never what it says). */
  withMessage?: boolean;
}): EmailContent {
  const org = oneLine(input.organizationName);
  const inviter = oneLine(input.inviterName);
  const days = `${input.expiresDays} day${input.expiresDays === 1 ? '' : 's'}`;
  const subject = input.withMessage ? `${inviter} sent you a secure message` : `${inviter} invited you to ${org} on ${PRODUCT}`;
  const says = input.withMessage
    ? `${inviter} of ${org} sent you a secure message through ${PRODUCT}. For your privacy its content is not in this email. Register once to read it and reply.`
    : `${inviter} of ${org} invited you to exchange messages and files securely through ${PRODUCT}.`;
  const saysHtml = input.withMessage
    ? `${escapeHtml(inviter)} of <strong>${escapeHtml(org)}</strong> sent you a secure message through ${PRODUCT}. For your privacy its content is not in this email. Register once to read it and reply.`
    : `${escapeHtml(inviter)} of <strong>${escapeHtml(org)}</strong> invited you to exchange messages and files securely through ${PRODUCT}.`;
  const label = input.withMessage ? 'Register and read the message' : 'Register';
  const text = [
    greeting(input.name),
    '',
    says,
    '',
    'Register here (the link works once and expires in ' + days + '):',
    input.link,
    '',
    `If you did not expect this, you can ignore this email. If the link has expired, ask ${inviter} to send it again.`,
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(saysHtml),
    button(label, input.link, input.brand),
    p(`The link works once and expires in ${escapeHtml(days)}. If it has expired, ask ${escapeHtml(inviter)} to send it again.`),
  ], input.brand);
  return { subject, text, html, senderName: personAt(input.inviterName, input.organizationName) };
}

function seatShortage(input: { organizationName: string; email: string; link: string }): EmailContent {
  const org = oneLine(input.organizationName);
  const subject = `${org}: a colleague joined as a guest because no seat was free`;
  const text = [
    'Hello,',
    '',
    `${input.email} is on a domain ${org} verified, and your policy provisions such people as pros. All seats were in use, so they were invited as a guest instead.`,
    '',
    `Buy more seats and change their type to pro here: ${input.link}`,
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p('Hello,'),
    p(`<strong>${escapeHtml(input.email)}</strong> is on a domain ${escapeHtml(org)} verified, and your policy provisions such people as pros. All seats were in use, so they were invited as a guest instead.`),
    button('Manage seats', input.link),
  ]);
  return { subject, text, html };
}

/** The notice of a new message: who and where, never what. */
function messageNotice(input: { name: string | null; senderName: string; organizationName: string; link: string; brand?: EmailBrand }): EmailContent {
  const sender = oneLine(input.senderName);
  const org = oneLine(input.organizationName);
  const subject = `${sender} sent you a secure message`;
  const text = [
    greeting(input.name),
    '',
    `${sender} of ${org} sent you a message through ${PRODUCT}. For your privacy its content is not in this email.`,
    '',
    `Read it here: ${input.link}`,
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(`${escapeHtml(sender)} of <strong>${escapeHtml(org)}</strong> sent you a message through ${PRODUCT}. For your privacy its content is not in this email.`),
    button('Read the message', input.link, input.brand),
  ], input.brand);
  return { subject, text, html, senderName: personAt(input.senderName, input.organizationName) };
}

/** A signer is asked to sign, or everyone learns the signed document is ready: who and where, never what. */
function signatureNotice(kind: 'requested' | 'completed') {
  return (input: { name: string | null; organizationName: string; link: string }): EmailContent => {
    const org = oneLine(input.organizationName);
    const subject = kind === 'requested' ? `${org} asks for your signature` : `A document from ${org} is signed by everyone`;
    const says = kind === 'requested'
      ? `${org} asks you to sign a document through ${PRODUCT}. For your privacy the document is not in this email.`
      : `Everyone has signed a document of ${org} in ${PRODUCT}. The signed copy is ready for you; for your privacy it is not in this email.`;
    const label = kind === 'requested' ? 'Review and sign' : 'Open the signed document';
    const text = [greeting(input.name), '', says, '', `${label}: ${input.link}`, '', `— ${PRODUCT}`].join('\n');
    const html = layout(subject, [p(escapeHtml(greeting(input.name))), p(escapeHtml(says)), button(label, input.link)]);
    return { subject, text, html };
  };
}
const signatureRequested = signatureNotice('requested');
const signatureCompleted = signatureNotice('completed');

/** A signer whose turn it is has not signed yet: who asks and for which organization, never what. */
function signatureReminder(input: { name: string | null; requesterName: string; organizationName: string; link: string }): EmailContent {
  const requester = oneLine(input.requesterName);
  const org = oneLine(input.organizationName);
  const subject = `Reminder: ${requester} of ${org} is waiting for your signature`;
  const says = `${requester} of ${org} asked you to sign a document through ${PRODUCT}, and it is still waiting for you. For your privacy the document is not in this email.`;
  const text = [greeting(input.name), '', says, '', `Review and sign: ${input.link}`, '', `— ${PRODUCT}`].join('\n');
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(`${escapeHtml(requester)} of <strong>${escapeHtml(org)}</strong> asked you to sign a document through ${PRODUCT}, and it is still waiting for you. For your privacy the document is not in this email.`),
    button('Review and sign', input.link),
  ]);
  return { subject, text, html };
}

/** A monthly seat invoice for the user manager who asked for it; amounts and dates come formatted. */
function invoice(input: {
  name: string | null;
  organizationName: string;
  /** Null while the month is open: the invoice is numbered when it closes. */
  number: string | null;
  period: string;
  seller: { name: string; address: string; taxId: string };
  billedTo: { name: string; address: string; taxId: string };
  due: string;
  lines: { date: string; what: string; by: string; seats: number; unitPrice: string; amount: string }[];
  subtotal: string;
  tax: { rate: string; amount: string };
  total: string;
  link: string;
}): EmailContent {
  const org = oneLine(input.organizationName);
  const numberText = input.number === null ? 'draft (numbered when the month closes)' : oneLine(input.number);
  const subject = `${PRODUCT} invoice ${input.number === null ? '(draft)' : oneLine(input.number)} for ${org}, ${oneLine(input.period)}`;
  const party = (who: { name: string; address: string; taxId: string }) =>
    [who.name, who.address, who.taxId ? `Tax id: ${who.taxId}` : ''].map(oneLine).filter(Boolean);
  const text = [
    greeting(input.name),
    '',
    `Here is ${org}'s ${PRODUCT} invoice for ${input.period}: ${numberText}, due ${input.due}.`,
    '',
    `From: ${party(input.seller).join(', ')}`,
    `Billed to: ${party(input.billedTo).join(', ')}`,
    '',
    ...input.lines.map((l) => `${l.date}  ${oneLine(l.what)}  ${oneLine(l.by)}  ${l.seats} seat(s) × ${l.unitPrice} = ${l.amount}`),
    '',
    `Subtotal: ${input.subtotal}`,
    `Tax (${input.tax.rate}): ${input.tax.amount}`,
    `Total: ${input.total}`,
    '',
    `Print it or save it as a PDF here: ${input.link}`,
    '',
    `— ${PRODUCT}`,
  ].join('\n');
  const cell = 'padding:6px 8px;border-bottom:1px solid #dddddd;text-align:left;vertical-align:top';
  const num = `${cell};text-align:right;white-space:nowrap`;
  const rows = input.lines
    .map((l) => `<tr><td style="${cell}">${escapeHtml(l.date)}</td><td style="${cell}">${escapeHtml(oneLine(l.what))}<br>${escapeHtml(oneLine(l.by))}</td>` +
      `<td style="${num}">${l.seats}</td><td style="${num}">${escapeHtml(l.unitPrice)}</td><td style="${num}">${escapeHtml(l.amount)}</td></tr>`)
    .join('');
  const sum = (label: string, value: string, bold = false) =>
    `<tr><td colspan="4" style="${cell}${bold ? ';font-weight:bold' : ''}">${escapeHtml(label)}</td><td style="${num}${bold ? ';font-weight:bold' : ''}">${escapeHtml(value)}</td></tr>`;
  const partyHtml = (label: string, who: { name: string; address: string; taxId: string }) =>
    `<td style="${cell};border:0;width:50%"><strong>${label}</strong><br>${party(who).map(escapeHtml).join('<br>')}</td>`;
  const html = layout(subject, [
    p(escapeHtml(greeting(input.name))),
    p(`Here is <strong>${escapeHtml(org)}</strong>'s ${PRODUCT} invoice for ${escapeHtml(input.period)}: ${escapeHtml(numberText)}, due ${escapeHtml(input.due)}.`),
    `<table style="border-collapse:collapse;width:100%;font-size:14px"><tr>${partyHtml('From', input.seller)}${partyHtml('Billed to', input.billedTo)}</tr></table>`,
    `<table style="border-collapse:collapse;width:100%;font-size:14px"><thead><tr><th style="${cell}">Date</th><th style="${cell}">Seats</th>` +
      `<th style="${num}">Count</th><th style="${num}">Per seat</th><th style="${num}">Amount</th></tr></thead><tbody>${rows}</tbody>` +
      `<tfoot>${sum('Subtotal', input.subtotal)}${sum(`Tax (${input.tax.rate})`, input.tax.amount)}${sum('Total', input.total, true)}</tfoot></table>`,
    button('Open the printable invoice', input.link),
  ]);
  return { subject, text, html };
}

export const templates = { signupConfirmation, accountExists, passwordReset, passwordChanged, passwordResetUnavailable, invitation, seatShortage, messageNotice, invoice, signatureRequested, signatureCompleted, signatureReminder };
