/**
 * Reading messages: lists (inbox, sent, the exchanges with one client) with their sealed subjects opened for the
 * page being shown, a message with its body (an open is recorded and audited), and whole threads in which recalled
 * or expired messages — and forwards of them — appear only as who recalled them and when.
 */
import { aadFor, openField } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import type { Actor } from '../auth/actor';
import { limits, spendAttempt } from './attemptLimits';
import type { MessageListing, MessageRecipient, StoredMessage } from '../store';
import { openFileName } from './fileAccess';
import { blockingFor } from '../policies/messages';
import { messageDataKey, readableMessage, unavailabilities } from './messageAccess';
import { requestsOnMessage, type RequestOnMessage } from './signatureAccess';

export interface Unavailable {
  reason: 'recalled' | 'expired';
  by: string | null;
  at: Date;
  note: string | null;
  /** True when it is the message this one forwards that was recalled or expired. */
  forwarded: boolean;
}

/** Messages one search may open before it answers with what it found: each sealed subject costs a decryption. */
export const SEARCH_SCAN_LIMIT = 500;

type Page = { before?: { createdAt: Date; id: string }; limit: number };

export interface OpenedMessage {
  message: StoredMessage;
  subject: string | null;
  html: string | null;
  senderName: string;
  senderEmail: string;
  recipients: MessageRecipient[];
  role: 'sender' | 'recipient';
  unavailable: Unavailable | null;
  opened: boolean;
  files: { id: string; name: string; size: number; contentType: string }[];
  signatureRequests: RequestOnMessage[];
}

export function openSubject(deps: AppDeps, message: StoredMessage): string {
  return openField(messageDataKey(deps, message), message.subjectSealed, aadFor(message.organizationId, 'message', message.id, 'subject'));
}

export function openBody(deps: AppDeps, message: StoredMessage): string {
  return openField(messageDataKey(deps, message), message.bodySealed, aadFor(message.organizationId, 'message', message.id, 'body'));
}

/** What a reader sees of the recipients: the sender sees everyone; a recipient sees To and Cc, and themselves. */
function visibleRecipients(all: MessageRecipient[], viewerId: string, role: 'sender' | 'recipient'): MessageRecipient[] {
  return role === 'sender' ? all : all.filter((r) => r.kind !== 'bcc' || r.accountId === viewerId);
}

export async function openMessage(deps: AppDeps, actor: Actor, messageId: string): Promise<OpenedMessage> {
  const access = await readableMessage(deps, actor, messageId);
  const { message } = access;
  if (access.role === 'recipient') {
    await deps.store.transaction(async (tx) => {
      await tx.messages.recordOpen(message.id, actor.account.id);
      await tx.audit.record(actor, 'message.opened', { type: 'message', id: message.id });
    });
  }
  const sender = (await deps.store.accounts.findById(message.senderId))!;
  const recipients = await deps.store.messages.recipients(message.id);
  return {
    message,
    subject: openSubject(deps, message),
    html: openBody(deps, message),
    senderName: sender.name,
    senderEmail: sender.email,
    recipients: visibleRecipients(recipients, actor.account.id, access.role),
    role: access.role,
    unavailable: (await availability(deps, message, actor.account.id)).unavailable,
    opened: true,
    // Files carried by a message are as open as the message itself (see fileAccess.readableFile).
    files: (await deps.store.files.listForMessage(message.organizationId, message.id))
      .filter((f) => f.status === 'complete')
      .map((f) => ({ id: f.id, name: openFileName(deps, f), size: f.size, contentType: f.contentType })),
    signatureRequests: await requestsOnMessage(deps, actor, message),
  };
}

/** What to say about a message that cannot be opened any more, and whether its content is hidden from the viewer. */
async function availability(deps: AppDeps, message: StoredMessage, viewerId: string): Promise<{ unavailable: Unavailable | null; hidden: boolean }> {
  const found = await unavailabilities(deps, message);
  const shown = found[0];
  if (!shown) return { unavailable: null, hidden: false };
  const hidden = blockingFor(found, viewerId) !== null;
  const { message: m, inherited } = shown;
  if (shown.reason === 'expired') return { unavailable: { reason: 'expired', by: null, at: m.expiresAt!, note: null, forwarded: inherited }, hidden };
  return { unavailable: { reason: 'recalled', by: shown.recalledByName, at: m.recalledAt!, note: shown.recallReason, forwarded: inherited }, hidden };
}

/**
 * A list entry: content only while the viewer may still open it, and the recipients the viewer may see (the
 * sender sees everyone; a recipient sees To and Cc, and themselves).
 */
export async function listingView(deps: AppDeps, actor: Actor, listing: MessageListing, recipients: MessageRecipient[] = []) {
  const role = listing.senderId === actor.account.id ? 'sender' : 'recipient';
  const { unavailable, hidden } = await availability(deps, listing, actor.account.id);
  return {
    listing,
    role,
    unavailable,
    subject: hidden ? null : openSubject(deps, listing),
    recipients: visibleRecipients(recipients, actor.account.id, role),
    hidden,
  } as const;
}

/** List entries for a page of listings, their recipients fetched in one query. */
async function viewsOf(deps: AppDeps, actor: Actor, listings: MessageListing[]) {
  const recipients = await deps.store.messages.recipientsOf(listings.map((l) => l.id));
  return Promise.all(listings.map((l) => listingView(deps, actor, l, recipients.filter((r) => r.messageId === l.id))));
}

export async function listMessages(
  deps: AppDeps,
  actor: Actor,
  options: { box: 'inbox' | 'sent'; before?: { createdAt: Date; id: string }; limit: number; search?: string },
) {
  const fetch = (before?: { createdAt: Date; id: string }, limit = options.limit) =>
    options.box === 'inbox'
      ? deps.store.messages.inbox(actor.organization.id, actor.account.id, { before, limit })
      : deps.store.messages.sent(actor.organization.id, actor.account.id, { before, limit });
  if (!options.search) return viewsOf(deps, actor, await fetch(options.before));

  // Subjects are sealed, so search opens pages in turn until it has a page of matches (or has looked far enough);
  // searches are counted per account in the database, so their cost is bounded across instances too.
  await spendAttempt(deps.store, limits.searchPerAccount, actor.account.id);
  const needle = options.search.toLocaleLowerCase();
  const found = [];
  let before = options.before;
  for (let scanned = 0; scanned < SEARCH_SCAN_LIMIT && found.length < options.limit; ) {
    const page = await fetch(before, Math.min(options.limit, SEARCH_SCAN_LIMIT - scanned));
    if (!page.length) break;
    for (const view of await viewsOf(deps, actor, page)) {
      const { listing } = view;
      const haystack = `${view.subject ?? ''} ${listing.senderName} ${listing.senderEmail}`.toLocaleLowerCase();
      if (haystack.includes(needle) && found.length < options.limit) found.push(view);
    }
    scanned += page.length;
    const last = page[page.length - 1]!;
    before = { createdAt: last.createdAt, id: last.id };
  }
  return found;
}

/**
 * Sealed body characters one page of a thread opens at most. Bodies are counted newest first before they are
 * opened; the older ones beyond it come back truncated, to be fetched one by one with GET /messages/:id.
 */
export const THREAD_BODY_BUDGET = 2_000_000;

/** A page of a thread, newest messages first from `before` but answered oldest first, with bodies within the budget. */
export async function threadOf(deps: AppDeps, actor: Actor, threadId: string, page: Page) {
  const listings = await deps.store.messages.threadFor(actor.organization.id, threadId, actor.account.id, page);
  let spent = 0;
  const views = (await viewsOf(deps, actor, listings)).map((view) => {
    if (view.hidden) return { ...view, html: null, truncated: false };
    spent += view.listing.bodySealed.length;
    if (spent > THREAD_BODY_BUDGET) return { ...view, html: null, truncated: true };
    return { ...view, html: openBody(deps, view.listing), truncated: false };
  });
  return views.reverse();
}

/** The messages a person exchanged with another that are still in their view, newest first. */
export async function exchangesWith(deps: AppDeps, actor: Actor, otherId: string, page: Page) {
  return viewsOf(deps, actor, await deps.store.messages.exchangedWith(actor.organization.id, actor.account.id, otherId, page));
}
