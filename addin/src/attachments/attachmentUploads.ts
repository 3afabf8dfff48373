/**
 * Attachments go to Sealpost as they are added, so that Send only confirms: each upload is recorded on the item
 * (itemState.uploadedFiles: Outlook attachment id → Sealpost file id, name and size) and Send uploads only what is
 * missing or changed. Uploads use the resumable API (POST /uploads, PATCH chunks); an upload never attached to a
 * message is swept by the backend after ABANDONED_UPLOAD_HOURS.
 */
import type { SealpostApi } from '../api/sealpostApi';
import type { ItemState, UploadedFile, UploadedFiles } from '../item/itemState';
import type { AttachmentInfo, OfficeAdapter } from '../office/OfficeAdapter';
import { base64ToBytes, utf8Bytes } from '../events/bytes';

export interface UploadContext {
  adapter: OfficeAdapter;
  state: ItemState;
  api: SealpostApi;
  token: string;
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

/** Cloud attachments are links, not bytes: they travel inside the secure message and are never uploaded. */
export const isLink = (attachment: AttachmentInfo) => attachment.attachmentType === 'cloud';

/** Whether a recorded upload still stands for this attachment (same name and size; else it was replaced). */
export const stillMatches = (recorded: UploadedFile | undefined, attachment: AttachmentInfo): recorded is UploadedFile =>
  !!recorded && recorded.name === attachment.name && recorded.size === attachment.size;

/** Outlook listed the attachment but gave no bytes for it (office-js#6098, #2984): never upload an empty stand-in. */
export class EmptyAttachmentContent extends Error {
  constructor(readonly attachmentName: string) {
    super(`Outlook gave no content for "${attachmentName}"`);
  }
}

/** Uploads one attachment's bytes; resolves to its Sealpost file id, or to its link for a cloud attachment. */
export async function uploadAttachment(ctx: UploadContext, attachment: AttachmentInfo): Promise<{ fileId: string } | { link: { name: string; url: string } }> {
  const content = await ctx.adapter.getAttachmentContent(attachment.id);
  let name = attachment.name || 'attachment';
  let bytes: Uint8Array;
  if (content.format === 'url') return { link: { name, url: content.content } };
  if (content.format === 'eml') {
    name = withExtension(name, '.eml');
    bytes = utf8Bytes(content.content);
  } else if (content.format === 'iCalendar') {
    name = withExtension(name, '.ics');
    bytes = utf8Bytes(content.content);
  } else {
    bytes = base64ToBytes(content.content);
  }
  if (!bytes.length && (attachment.size > 0 || attachment.isInline)) throw new EmptyAttachmentContent(name);
  const contentType = contentTypeOf(name);
  const upload = await ctx.api.startUpload(ctx.token, { name, size: bytes.length, ...(contentType ? { contentType } : {}) });
  const chunk = Math.max(1, Math.floor(CHUNK_TARGET / upload.chunkMultiple)) * upload.chunkMultiple;
  let offset = upload.received;
  while (offset < bytes.length) {
    const next = await ctx.api.uploadChunk(ctx.token, upload.uploadUrl, offset, bytes.subarray(offset, offset + chunk));
    if (next <= offset) throw new Error(`the upload of "${name}" did not advance past byte ${offset}`);
    offset = next;
  }
  return { fileId: upload.id };
}

/**
 * Records one finished upload, merged into what is stored now (another handler may have recorded one meanwhile).
 * A record lost to a race only costs a second upload at Send.
 */
async function record(state: ItemState, attachmentId: string, file: UploadedFile): Promise<void> {
  const now = await state.uploadedFiles();
  now[attachmentId] = file;
  await state.setUploadedFiles(now).catch(() => undefined);
}

export interface PreparedAttachments {
  fileIds: string[];
  links: { name: string; url: string }[];
  /** How many had to be uploaded now (0 when everything went ahead). */
  uploadedNow: number;
}

/** At Send: the file ids of every attachment, uploading only those not uploaded before (or changed since). */
export async function prepareAttachments(ctx: UploadContext, attachments: AttachmentInfo[]): Promise<PreparedAttachments> {
  const recorded = await ctx.state.uploadedFiles();
  const prepared: PreparedAttachments = { fileIds: [], links: [], uploadedNow: 0 };
  for (const attachment of attachments) {
    const earlier = recorded[attachment.id];
    if (stillMatches(earlier, attachment)) {
      prepared.fileIds.push(earlier.fileId);
      continue;
    }
    const result = await uploadAttachment(ctx, attachment);
    if ('link' in result) {
      prepared.links.push(result.link);
      continue;
    }
    prepared.fileIds.push(result.fileId);
    prepared.uploadedNow += 1;
    // Remembered so that a retried send reuses the file instead of uploading (and attaching) it twice.
    await record(ctx.state, attachment.id, { fileId: result.fileId, name: attachment.name, size: attachment.size });
  }
  return prepared;
}

/**
 * Ahead of Send (OnMessageAttachmentsChanged, or the pane): uploads every attachment not uploaded yet and forgets
 * records of attachments no longer on the item. Resolves to how many it uploaded. Failures are left to Send.
 */
export async function uploadAhead(ctx: UploadContext): Promise<number> {
  const attachments = (await ctx.adapter.listAttachments()).filter((a) => !isLink(a));
  const recorded = await ctx.state.uploadedFiles();
  const present = new Set(attachments.map((a) => a.id));
  const gone = Object.keys(recorded).filter((id) => !present.has(id));
  if (gone.length) {
    const kept: UploadedFiles = {};
    for (const id of Object.keys(recorded)) if (present.has(id)) kept[id] = recorded[id]!;
    await ctx.state.setUploadedFiles(kept).catch(() => undefined);
  }
  let uploaded = 0;
  for (const attachment of attachments) {
    if (stillMatches(recorded[attachment.id], attachment)) continue;
    const result = await uploadAttachment(ctx, attachment);
    if ('fileId' in result) {
      await record(ctx.state, attachment.id, { fileId: result.fileId, name: attachment.name, size: attachment.size });
      uploaded += 1;
    }
  }
  return uploaded;
}

/** Whether uploading ahead is wanted on this item: secure sending on, or the policy may make it secure. */
export async function wantsUploadAhead(state: ItemState, now: number): Promise<{ api: string; token: string } | null> {
  const policy = await state.policy();
  if (!(await state.isSecure()) && policy?.secureSendPolicy !== 'external_always') return null;
  const credential = await state.credential();
  if (!credential || credential.expiresAt <= now) return null;
  return { api: credential.apiBase, token: credential.accessToken };
}
