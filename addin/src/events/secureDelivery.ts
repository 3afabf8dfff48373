/**
 * The secure half of a send: upload the attachments not uploaded ahead of Send, post the message with an idempotency key
 * derived from the item (a retry after a lost answer gets the first message back), then replace the body with
 * the notice and remove every attachment, so nothing of the content leaves through Outlook.
 */
import { ApiError } from '../api/http';
import type { SealpostApi } from '../api/sealpostApi';
import { prepareAttachments } from '../attachments/attachmentUploads';
import type { SendMessageInput, SentMessage } from '@contract/messages';
import type { OrganizationBrand } from '@contract/recipients';
import type { ItemState } from '../item/itemState';
import type { AttachmentInfo, BodyType, OfficeAdapter } from '../office/OfficeAdapter';
import type { RecipientsByField } from '../recipients/review';
import { fingerprint } from './bytes';
import { isOnlyNotice, noticeHtml, noticeText, visibleText } from './notice';

export interface DeliveryContext {
  adapter: OfficeAdapter;
  state: ItemState;
  api: SealpostApi;
  token: string;
  random: () => string;
  now: () => number;
}

export interface UploadedAttachments {
  fileIds: string[];
  /** Cloud attachments are links, not bytes: they travel inside the secure message. */
  links: { name: string; url: string }[];
}

/** The backend no longer has (or cannot attach) a file uploaded earlier: e.g. swept after ABANDONED_UPLOAD_HOURS. */
const STALE_UPLOAD_CODES = ['file_not_found', 'file_incomplete', 'file_already_attached'];

/**
 * Uploads what was not uploaded ahead (attachments/attachmentUploads.ts) and posts the message. When the backend
 * refuses a file uploaded earlier, the records are dropped and everything is uploaded and posted once more.
 */
export async function uploadAndPost(
  ctx: DeliveryContext,
  attachments: AttachmentInfo[],
  message: Omit<SecureMessage, 'uploaded'>,
  step: () => void,
): Promise<SentMessage> {
  const attempt = async () => {
    const uploaded = await prepareAttachments(ctx, attachments);
    step();
    return postSecureMessage(ctx, { ...message, uploaded });
  };
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ApiError && STALE_UPLOAD_CODES.includes(error.code))) throw error;
    await ctx.state.setUploadedFiles({});
    return attempt();
  }
}

function withLinks(html: string, links: UploadedAttachments['links']): string {
  if (!links.length) return html;
  const escape = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const items = links.map((l) => `<li><a href="${escape(l.url)}">${escape(l.name)}</a></li>`).join('');
  return `${html}<p>Linked files:</p><ul>${items}</ul>`;
}

export interface SecureMessage {
  subject: string;
  html: string;
  recipients: RecipientsByField;
  uploaded: UploadedAttachments;
  confirmedInvitations: string[];
}

/** The expiry the sender chose in the pane, fixed at the first attempt so a retry posts the same message. */
async function expiryOf(ctx: DeliveryContext): Promise<string | null> {
  const expiry = await ctx.state.expiry();
  if (!expiry) return null;
  if (expiry.expiresAt) return expiry.expiresAt;
  const expiresAt = new Date(ctx.now() + expiry.days * 86_400_000).toISOString();
  await ctx.state.setExpiry({ days: expiry.days, expiresAt });
  return expiresAt;
}

/** Posts the message. The key is the item's random id plus a fingerprint of exactly what is sent. */
export async function postSecureMessage(ctx: DeliveryContext, message: SecureMessage): Promise<SentMessage> {
  const list = (field: keyof RecipientsByField) =>
    message.recipients[field]
      .filter((r) => r.emailAddress)
      .map((r) => ({ email: r.emailAddress!, ...(r.displayName ? { displayName: r.displayName } : {}) }));
  const input: SendMessageInput = {
    subject: message.subject,
    html: withLinks(message.html, message.uploaded.links),
    to: list('to'),
    cc: list('cc'),
    bcc: list('bcc'),
    attachmentIds: message.uploaded.fileIds,
    confirmedInvitations: message.confirmedInvitations,
    deliveredByClient: true,
  };
  const expiresAt = await expiryOf(ctx);
  if (expiresAt) input.expiresAt = expiresAt;
  const itemKey = await ctx.state.itemKey(ctx.random);
  return ctx.api.sendMessage(ctx.token, input, `outlook-${itemKey}-${fingerprint(JSON.stringify(input))}`);
}

/** Outlook would send more than the notice (a collapsed original it appends after the handler, office-js#1779). */
export class NoticeNotAlone extends Error {}

/**
 * Puts the (branded) notice in place of the body, in the body's own format, then reads the whole body again and
 * throws NoticeNotAlone unless it is the notice and nothing else; removes every attachment and throws if any stays.
 */
export async function replaceWithNotice(adapter: OfficeAdapter, type: BodyType, portalUrl: string, brand: OrganizationBrand | null = null): Promise<void> {
  await adapter.setBody(type, type === 'text' ? noticeText(portalUrl, brand) : noticeHtml(portalUrl, brand));
  if (!isOnlyNotice(await adapter.getBody(type, 'full'), type, portalUrl, brand)) throw new NoticeNotAlone();
  // Listed after the body changed: inline images of the old body may go with it.
  for (const attachment of await adapter.listAttachments()) await adapter.removeAttachment(attachment.id);
  const left = await adapter.listAttachments();
  if (left.length) throw new Error(`${left.length} attachment(s) could not be removed`);
}

/** The secure copy of a body as HTML: a plain-text body keeps its lines. */
export function secureCopyHtml(body: string, type: BodyType): string {
  if (type === 'html') return body;
  const escaped = body.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<div style="white-space:pre-wrap">${escaped}</div>`;
}

/** The cid: names an HTML body shows pictures by (linear scan, bounded by the body). */
export function inlineImageIds(html: string): string[] {
  const ids = new Set<string>();
  const pattern = /cid:([^\s"'<>)]{1,256})/gi;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(html))) ids.add(match[1]!.toLowerCase());
  return Array.from(ids);
}

/** What a stored send is checked against later: the words and pictures of the body, and who receives it. */
export function bodyPrint(body: string, type: BodyType): string {
  return fingerprint(`${visibleText(body, type)}\n${type === 'html' ? inlineImageIds(body).join(',') : ''}`);
}

export function recipientsPrint(recipients: RecipientsByField): string {
  const rows: string[] = [];
  for (const field of ['to', 'cc', 'bcc'] as const) {
    for (const r of recipients[field]) rows.push(`${field}:${(r.emailAddress ?? r.displayName).toLowerCase()}`);
  }
  return fingerprint(rows.sort().join('\n'));
}
