/** A stored file as the uploader sees it: name, size, type and how much of it has arrived; an upload adds where to send it. */
import { z } from 'zod';
import type { StoredFile } from '../store';

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
