/**
 * Reading messages: lists (inbox, sent) with their sealed subjects opened for the page being shown, a message
 * with its body (an open is recorded and audited), and whole threads in which recalled or expired messages
 * appear only as who recalled them and when.
 */
import { aadFor, openField } from '../crypto/envelope';
import type { AppDeps } from '../deps';
import type { Actor } from '../http/authenticate';
import type { MessageListing, MessageRecipient, StoredMessage } from '../store';
import { openFileName } from './fileAccess';
import { messageDataKey, openRecallReason, readableMessage } from './messageAccess';

export interface OpenedMessage {
  message: StoredMessage;
  subject: string | null;
  html: string | null;
  senderName: string;
  senderEmail: string;
  recipients: MessageRecipient[];
  role: 'sender' | 'recipient';
  unavailable: { reason: 'recalled' | 'expired'; by: string | null; at: Date; note: string | null } | null;
  opened: boolean;
  files: { id: string; name: string; size: number; contentType: string }[];
}

export function openSubject(deps: AppDeps, message: StoredMessage): string {
  return openField(messageDataKey(deps, message), message.subjectSealed, aadFor(message.organizationId, 'message', message.id, 'subject'));
}

function openBody(deps: AppDeps, message: StoredMessage): string {
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
    await deps.store.messages.recordOpen(message.id, actor.account.id);
    await deps.store.audit.append({
      organizationId: actor.organization.id,
      actorId: actor.account.id,
      action: 'message.opened',
      targetType: 'message',
      targetId: message.id,
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
    unavailable: await unavailability(deps, message),
    opened: true,
    files: (await deps.store.files.listForMessage(message.organizationId, message.id))
      .filter((f) => f.status === 'complete')
      .map((f) => ({ id: f.id, name: openFileName(deps, f), size: f.size, contentType: f.contentType })),
  };
}

async function unavailability(deps: AppDeps, message: StoredMessage): Promise<OpenedMessage['unavailable']> {
  if (message.recalledAt) {
    const by = message.recalledBy ? await deps.store.accounts.findById(message.recalledBy) : null;
    return { reason: 'recalled', by: by?.name ?? null, at: message.recalledAt, note: openRecallReason(deps, message) };
  }
  if (message.expiresAt && message.expiresAt <= new Date()) return { reason: 'expired', by: null, at: message.expiresAt, note: null };
  return null;
}

/** A list entry: content only while the viewer may still open it. */
export async function listingView(deps: AppDeps, actor: Actor, listing: MessageListing) {
  const role = listing.senderId === actor.account.id ? 'sender' : 'recipient';
  const unavailable = await unavailability(deps, listing);
  const hidden = unavailable !== null && role === 'recipient';
  return { listing, role, unavailable, subject: hidden ? null : openSubject(deps, listing) } as const;
}

export async function listMessages(
  deps: AppDeps,
  actor: Actor,
  options: { box: 'inbox' | 'sent'; before?: { createdAt: Date; id: string }; limit: number; search?: string },
) {
  const fetch = (before?: { createdAt: Date; id: string }) =>
    options.box === 'inbox'
      ? deps.store.messages.inbox(actor.organization.id, actor.account.id, { before, limit: options.limit })
      : deps.store.messages.sent(actor.organization.id, actor.account.id, { before, limit: options.limit });
  if (!options.search) return Promise.all((await fetch(options.before)).map((l) => listingView(deps, actor, l)));

  // Subjects are sealed, so search opens pages in turn until it has a page of matches (or has looked far enough).
  const needle = options.search.toLocaleLowerCase();
  const found = [];
  let before = options.before;
  for (let scanned = 0; scanned < 2000 && found.length < options.limit; ) {
    const page = await fetch(before);
    if (!page.length) break;
    for (const listing of page) {
      const view = await listingView(deps, actor, listing);
      const haystack = `${view.subject ?? ''} ${listing.senderName} ${listing.senderEmail}`.toLocaleLowerCase();
      if (haystack.includes(needle) && found.length < options.limit) found.push(view);
    }
    scanned += page.length;
    const last = page[page.length - 1]!;
    before = { createdAt: last.createdAt, id: last.id };
  }
  return found;
}

export async function threadOf(deps: AppDeps, actor: Actor, threadId: string) {
  const listings = await deps.store.messages.threadFor(actor.organization.id, threadId, actor.account.id);
  return Promise.all(
    listings.map(async (listing) => {
      const view = await listingView(deps, actor, listing);
      const hidden = view.unavailable !== null && view.role === 'recipient';
      return { ...view, html: hidden ? null : openBody(deps, listing) };
    }),
  );
}
