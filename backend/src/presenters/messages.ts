/** Messages over the wire: list entries, a whole message with read receipts for its sender, and threads. */
import type { z } from 'zod';
import type { messageSchema, messageSummarySchema, ThreadMessage } from '../contract/messages';
import type { OpenedMessage } from '../commands/messageReader';
import type { listingView } from '../commands/messageReader';

type View = Awaited<ReturnType<typeof listingView>>;

const unavailableOut = (u: View['unavailable']) =>
  u ? { reason: u.reason, by: u.by, at: u.at.toISOString(), note: u.note, forwarded: u.forwarded } : null;

export function presentSummary(view: View): z.infer<typeof messageSummarySchema> {
  const { listing } = view;
  return {
    id: listing.id,
    threadId: listing.threadId,
    subject: view.subject,
    from: { name: listing.senderName, email: listing.senderEmail },
    sentAt: listing.createdAt.toISOString(),
    unread: !listing.openedByViewer,
    attachments: listing.fileCount,
    expiresAt: listing.expiresAt?.toISOString() ?? null,
    unavailable: unavailableOut(view.unavailable),
    recipients: view.recipients.map((r) => ({ name: r.name, email: r.email, kind: r.kind })),
    noForwarding: listing.noForwarding,
  };
}

/** One message of a thread page: its summary and, while the page's body budget lasts, its body. */
export function presentThreadMessage(view: View & { html: string | null; truncated: boolean }): ThreadMessage {
  return { ...presentSummary(view), html: view.html, truncated: view.truncated };
}

export function presentMessage(opened: OpenedMessage): z.infer<typeof messageSchema> {
  const m = opened.message;
  return {
    id: m.id,
    threadId: m.threadId,
    subject: opened.subject,
    html: opened.html,
    from: { name: opened.senderName, email: opened.senderEmail },
    sentAt: m.createdAt.toISOString(),
    unread: false,
    attachments: opened.files.length,
    files: opened.files,
    expiresAt: m.expiresAt?.toISOString() ?? null,
    unavailable: unavailableOut(opened.unavailable),
    inReplyTo: m.inReplyTo,
    role: opened.role,
    noForwarding: m.noForwarding,
    signatureRequests: opened.signatureRequests.map(({ request, status, requester, own, yourTurn }) => ({
      id: request.id,
      fileId: request.fileId,
      status,
      requester,
      yourStatus: own?.status ?? null,
      yourTurn,
      completedFileId: request.completedFileId,
    })),
    recipients: opened.recipients.map((r) => ({
      email: r.email,
      name: r.name,
      kind: r.kind,
      ...(opened.role === 'sender'
        ? {
            receipt: {
              delivered: r.notifiedAt !== null || m.deliveredByClient,
              firstOpenedAt: r.firstOpenedAt?.toISOString() ?? null,
              lastOpenedAt: r.lastOpenedAt?.toISOString() ?? null,
              opens: r.openCount,
            },
          }
        : {}),
    })),
  };
}
