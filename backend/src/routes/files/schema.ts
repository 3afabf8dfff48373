/** Request shapes and tus constants of the upload and file routes; the answers and their presenter are in presenters/files.ts. */
import { z } from 'zod';
import { displayText } from '../../http/text';

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

export const TUS_VERSION = '1.0.0';
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
