/**
 * The secure half of a send: upload the attachments to Sealpost, post the message with an idempotency key
 * derived from the item (a retry after a lost answer gets the first message back), then replace the body with
 * the notice and remove every attachment, so nothing of the content leaves through Outlook.
 */
import type { SealpostApi } from '../api/sealpostApi';
import type { OrganizationBrand, SendMessageInput, SentMessage } from '../api/types';
import type { ItemState } from '../item/itemState';
import type { AttachmentInfo, OfficeAdapter } from '../office/OfficeAdapter';
import type { RecipientsByField } from '../recipients/review';
import { base64ToBytes, fingerprint, utf8Bytes } from './bytes';
import { noticeHtml } from './notice';

export interface DeliveryContext {
  adapter: OfficeAdapter;
  state: ItemState;
  api: SealpostApi;
  token: string;
  random: () => string;
}

/** Chunk size for uploads: whole multiples of the server's segment size, about 4 MB. */
const CHUNK_TARGET = 4 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', txt: 'text/plain',
  csv: 'text/csv', zip: 'application/zip', eml: 'message/rfc822', ics: 'text/calendar',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function contentTypeOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? CONTENT_TYPES[name.slice(dot + 1).toLowerCase()] : undefined;
}

const withExtension = (name: string, ext: string) => (name.toLowerCase().endsWith(ext) ? name : `${name}${ext}`);

export interface UploadedAttachments {
  fileIds: string[];
  /** Cloud attachments are links, not bytes: they travel inside the secure message. */
  links: { name: string; url: string }[];
}

export async function uploadAttachments(ctx: DeliveryContext, attachments: AttachmentInfo[]): Promise<UploadedAttachments> {
  const done = await ctx.state.uploads();
  const fileIds: string[] = [];
  const links: { name: string; url: string }[] = [];
  for (const attachment of attachments) {
    const earlier = done[attachment.id];
    if (earlier) {
      fileIds.push(earlier);
      continue;
    }
    const content = await ctx.adapter.getAttachmentContent(attachment.id);
    let name = attachment.name || 'attachment';
    let bytes: Uint8Array;
    if (content.format === 'url') {
      links.push({ name, url: content.content });
      continue;
    } else if (content.format === 'eml') {
      name = withExtension(name, '.eml');
      bytes = utf8Bytes(content.content);
    } else if (content.format === 'iCalendar') {
      name = withExtension(name, '.ics');
      bytes = utf8Bytes(content.content);
    } else {
      bytes = base64ToBytes(content.content);
    }
    const contentType = contentTypeOf(name);
    const upload = await ctx.api.startUpload(ctx.token, { name, size: bytes.length, ...(contentType ? { contentType } : {}) });
    const chunk = Math.max(1, Math.floor(CHUNK_TARGET / upload.chunkMultiple)) * upload.chunkMultiple;
    let offset = upload.received;
    while (offset < bytes.length) {
      const next = await ctx.api.uploadChunk(ctx.token, upload.uploadUrl, offset, bytes.subarray(offset, offset + chunk));
      if (next <= offset) throw new Error(`the upload of "${name}" did not advance past byte ${offset}`);
      offset = next;
    }
    fileIds.push(upload.id);
    done[attachment.id] = upload.id;
    // Remembered so that a retried send reuses the file instead of uploading (and attaching) it twice.
    await ctx.state.setUploads(done).catch(() => undefined);
  }
  return { fileIds, links };
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
  const itemKey = await ctx.state.itemKey(ctx.random);
  return ctx.api.sendMessage(ctx.token, input, `outlook-${itemKey}-${fingerprint(JSON.stringify(input))}`);
}

/** Puts the (branded) notice in place of the body and removes every attachment; throws if any attachment stays. */
export async function replaceWithNotice(adapter: OfficeAdapter, portalUrl: string, brand: OrganizationBrand | null = null): Promise<void> {
  await adapter.setBodyHtml(noticeHtml(portalUrl, brand));
  // Listed after the body changed: inline images of the old body may go with it.
  for (const attachment of await adapter.listAttachments()) await adapter.removeAttachment(attachment.id);
  const left = await adapter.listAttachments();
  if (left.length) throw new Error(`${left.length} attachment(s) could not be removed`);
}
