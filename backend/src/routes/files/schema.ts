/** Request and answer shapes of the upload and file routes, and the presenter that turns a file into its answer. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import type { StoredFile } from '../../store';

/** RFC 6838 type/subtype without parameters: safe to send back as a header as it is. */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$/;

export const createUploadBody = z.strictObject({
  name: displayText(255).min(1).describe('The file name people will see, without invisible or reordering characters; stored encrypted.'),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('The exact size in bytes (tus Upload-Length).'),
  contentType: z
    .string()
    .regex(MEDIA_TYPE, 'must be a media type like application/pdf')
    .transform((type) => type.toLowerCase())
    .optional()
    .describe('Media type sent back on download; application/octet-stream if omitted.'),
});

export const fileParams = z.strictObject({ fileId: z.string().uuid() });

export const fileSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  size: z.number().int().describe('Declared size in bytes.'),
  contentType: z.string(),
  status: z.enum(['uploading', 'complete']),
  received: z.number().int().describe('Bytes stored so far: the upload offset.'),
});

export const uploadSchema = fileSchema.extend({
  uploadUrl: z.string().describe('Where to HEAD and PATCH this upload (also in Location).'),
  chunkMultiple: z
    .number()
    .int()
    .describe('Send chunks in multiples of this many bytes (the last one may be shorter): a chunk is stored up to its last whole multiple, and Upload-Offset says where to go on.'),
});

export type FileAnswer = z.infer<typeof fileSchema>;

export function presentFile(file: StoredFile, name: string): FileAnswer {
  return {
    id: file.id,
    name,
    size: file.size,
    contentType: file.contentType,
    status: file.status,
    received: file.received,
  };
}

export const TUS_VERSION = '1.0.0';
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
