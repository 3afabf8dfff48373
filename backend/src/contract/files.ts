/**
 * Files: resumable uploads in the shape of the tus protocol (create with JSON, HEAD for the offset, PATCH raw
 * chunks), file details, and the download of the decrypted content with single byte ranges.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, uuid } from './text';

export const TUS_VERSION = '1.0.0';
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';

/** RFC 6838 type/subtype without parameters: safe to send back as a header as it is. */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$/;

export const fileSchema = z.object({
  id: uuid,
  name: z.string(),
  size: z.number().int().describe('Declared size in bytes.'),
  contentType: z.string(),
  status: z.enum(['uploading', 'complete']),
  received: z.number().int().describe('Bytes stored so far: the upload offset.'),
});

const uploadSchema = fileSchema.extend({
  uploadUrl: z.string().describe('Where to HEAD and PATCH this upload (also in Location).'),
  chunkMultiple: z
    .number()
    .int()
    .describe('Send chunks in multiples of this many bytes (the last one may be shorter): a chunk is stored up to its last whole multiple, and Upload-Offset says where to go on.'),
});

const fileParams = z.strictObject({ fileId: uuid });

export const files = {
  startUpload: endpoint({
    method: 'post',
    path: '/api/v1/uploads',
    body: z.strictObject({
      name: displayText(255).min(1).describe('The file name people will see, without invisible or reordering characters; stored encrypted.'),
      size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('The exact size in bytes (tus Upload-Length).'),
      contentType: z
        .string()
        .regex(MEDIA_TYPE, 'must be a media type like application/pdf')
        .transform((type) => type.toLowerCase())
        .optional()
        .describe('Media type sent back on download; application/octet-stream if omitted.'),
    }),
    response: {
      status: 201,
      schema: uploadSchema,
      description: 'Created; an empty file is complete at once.',
      headers: { Location: 'The upload URL.', 'Upload-Offset': 'Always 0.', 'Tus-Resumable': '1.0.0' },
    },
  }),
  uploadOffset: endpoint({
    method: 'head',
    path: '/api/v1/uploads/:fileId',
    params: fileParams,
    response: {
      status: 200,
      description: 'No body; the offset and length are headers.',
      headers: { 'Upload-Offset': 'Bytes stored.', 'Upload-Length': 'Declared size.', 'Cache-Control': 'no-store' },
    },
  }),
  uploadChunk: endpoint({
    method: 'patch',
    path: '/api/v1/uploads/:fileId',
    params: fileParams,
    rawBody: {
      contentType: CHUNK_CONTENT_TYPE,
      description: 'The file bytes from Upload-Offset on. Headers: Upload-Offset (required), Tus-Resumable: 1.0.0 (optional).',
    },
    response: {
      status: 204,
      description: 'Stored up to Upload-Offset (resume there: a chunk that ends mid-segment is kept up to its last whole segment).',
      headers: { 'Upload-Offset': 'Bytes stored now.', 'Tus-Resumable': '1.0.0' },
    },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/v1/files/:fileId',
    params: fileParams,
    response: { status: 200, schema: fileSchema, description: 'The file.' },
  }),
  content: endpoint({
    method: 'get',
    path: '/api/v1/files/:fileId/content',
    params: fileParams,
    response: {
      status: 200,
      contentType: 'application/octet-stream',
      description: 'The bytes, as the uploaded Content-Type (206 with Content-Range for a range). A connection that closes before Content-Length bytes means the file failed its integrity check: discard what arrived.',
      headers: { 'Content-Disposition': 'attachment, with the file name', 'Content-Range': 'For 206', 'Accept-Ranges': 'bytes', ETag: 'Stable per file' },
    },
  }),
};

export type StoredFileAnswer = z.output<typeof fileSchema>;
export type StartedUpload = z.output<typeof uploadSchema>;
export type UploadRequest = z.input<typeof files.startUpload.body>;
