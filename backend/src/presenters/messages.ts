/** Messages over the wire: list entries, a whole message with read receipts for its sender, and threads. */
import { z } from 'zod';
import type { OpenedMessage } from '../commands/messageReader';
import type { listingView } from '../commands/messageReader';

const unavailableSchema = z
  .object({
    reason: z.enum(['recalled', 'expired']),
    by: z.string().nullable(),
    at: z.string().datetime(),
    note: z.string().nullable(),
    forwarded: z.boolean().describe('true: it is the message this one forwards that was recalled or expired.'),
  })
  .nullable()
  .describe('Set when recalled or expired; recipients then get no subject or body.');

const personSchema = z.object({ name: z.string(), email: z.string(), kind: z.enum(['to', 'cc', 'bcc']) });

export const messageSummarySchema = z.object({
  id: z.string().uuid(),
  threadId: z.string().uuid(),
  subject: z.string().nullable(),
  from: z.object({ name: z.string(), email: z.string() }),
  sentAt: z.string().datetime(),
  unread: z.boolean(),
  attachments: z.number().int(),
  expiresAt: z.string().datetime().nullable(),
  unavailable: unavailableSchema,
  recipients: z.array(personSchema).describe('Who it was sent to, as far as the reader may know (Bcc only for its sender, and the Bcc recipient themselves).'),
});

export const recipientSchema = z.object({
  email: z.string(),
  name: z.string(),
  kind: z.enum(['to', 'cc', 'bcc']),
  receipt: z
    .object({ delivered: z.boolean(), firstOpenedAt: z.string().datetime().nullable(), lastOpenedAt: z.string().datetime().nullable(), opens: z.number().int() })
    .optional()
    .describe("Only for the message's sender."),
});

export const messageSchema = messageSummarySchema.omit({ recipients: true }).extend({
  html: z.string().nullable().describe('Sanitized HTML; render it in a sandbox.'),
  inReplyTo: z.string().uuid().nullable(),
  recipients: z.array(recipientSchema),
  role: z.enum(['sender', 'recipient']),
  files: z
    .array(z.object({ id: z.string().uuid(), name: z.string(), size: z.number().int(), contentType: z.string() }))
    .describe('Download each from /api/v1/files/{id}/content.'),
});

export const threadMessageSchema = messageSummarySchema.extend({
  html: z.string().nullable(),
  truncated: z.boolean().describe('true: the body did not fit in this answer; GET /api/v1/messages/{id} opens it.'),
});

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
  };
}

/** One message of a thread page: its summary and, while the page's body budget lasts, its body. */
export function presentThreadMessage(view: View & { html: string | null; truncated: boolean }): z.infer<typeof threadMessageSchema> {
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
