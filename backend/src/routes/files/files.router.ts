/**
 * Files: resumable uploads in the shape of the tus protocol (create with JSON, HEAD for the offset, PATCH raw
 * chunks), file details, and the download of the decrypted content with single byte ranges.
 */
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { openFileName, ownUpload, readableFile } from '../../commands/fileAccess';
import { openDownload } from '../../commands/fileDownload';
import { receiveChunk, startUpload } from '../../commands/fileUpload';
import { DecryptionError } from '../../crypto/envelope';
import { DEFAULT_SEGMENT_SIZE } from '../../crypto/stream';
import { errors } from '../../errors';
import { allowLongBody } from '../../http/connectionTimeouts';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { attachmentDisposition, contentLength, isChunkContentType, requestedRange, speaksOurTus, uploadOffset } from './httpHeaders';
import { TUS_VERSION } from '../../contract/files';
import { presentFile } from '../../presenters/files';

const uploadUrl = (fileId: string) => `/api/v1/uploads/${fileId}`;

function uploadHeaders(res: Response, offset: number, extra: Record<string, string> = {}): void {
  res.set({ 'Tus-Resumable': TUS_VERSION, 'Upload-Offset': String(offset), 'Cache-Control': 'no-store', ...extra });
}

export const fileRoutes = [
  defineRoute(contract.files.startUpload, {
    tag: 'files',
    summary: 'Start a resumable upload (tus-style creation, declared with JSON): then PATCH its chunks to the upload URL.',
    auth: 'session',
    errors: ['invalid_request', 'file_too_large', 'too_many_open_uploads', 'unsent_uploads_too_large', 'storage_quota_exceeded'],
    async handler({ actor, body, res, deps }) {
      const file = await startUpload(deps, actor, { ...body, contentType: body.contentType ?? 'application/octet-stream' });
      uploadHeaders(res, 0, { Location: uploadUrl(file.id) });
      return { ...presentFile(file, body.name), uploadUrl: uploadUrl(file.id), chunkMultiple: DEFAULT_SEGMENT_SIZE };
    },
  }),
  defineRoute(contract.files.uploadOffset, {
    tag: 'files',
    summary: 'Where an upload stands: Upload-Offset is the byte to resume from.',
    auth: 'session',
    errors: ['not_found'],
    async handler({ actor, params, res, deps }) {
      const file = await ownUpload(deps, actor, params.fileId);
      uploadHeaders(res, file.received, { 'Upload-Length': String(file.size) });
    },
  }),
  defineRoute(contract.files.uploadChunk, {
    tag: 'files',
    summary: 'Append a chunk at Upload-Offset. The body streams to encrypted storage; only whole segments are kept.',
    auth: 'session',
    errors: ['not_found', 'unsupported_media_type', 'invalid_upload_offset', 'unsupported_tus_version', 'offset_mismatch', 'upload_busy', 'upload_exceeds_size'],
    async handler({ actor, params, req, res, deps }) {
      res.set('Tus-Resumable', TUS_VERSION);
      try {
        if (!speaksOurTus(req)) throw errors.unsupportedTusVersion();
        if (!isChunkContentType(req)) throw errors.uploadMediaType();
        const offset = uploadOffset(req);
        if (offset === null) throw errors.invalidUploadOffset();
        // a chunk may take long on a slow link; the upload's idle watchdog bounds it instead
        allowLongBody(req, deps.config);
        const stored = await receiveChunk(deps, actor, params.fileId, { offset, length: contentLength(req) }, req);
        uploadHeaders(res, stored.offset);
      } catch (error) {
        // the rest of the body is not wanted: closing beats reading gigabytes only to drop them
        res.set('Connection', 'close');
        throw error;
      }
    },
  }),
  defineRoute(contract.files.get, {
    tag: 'files',
    summary: 'A file you uploaded, or one attached to a message you may open: name, size, type and upload state.',
    auth: 'session',
    errors: ['not_found', 'message_recalled', 'message_expired'],
    async handler({ actor, params, deps }) {
      const { file } = await readableFile(deps, actor, params.fileId, 'file_details');
      return presentFile(file, openFileName(deps, file));
    },
  }),
  defineRoute(contract.files.content, {
    tag: 'files',
    summary: 'Download the decrypted file, whole or one byte range (Range: bytes=…, answered with 206).',
    auth: 'session',
    errors: ['not_found', 'file_incomplete', 'range_not_satisfiable', 'message_recalled', 'message_expired'],
    async handler({ actor, params, req, res, deps }) {
      const readable = await readableFile(deps, actor, params.fileId, 'download');
      const { file } = readable;
      if (file.status !== 'complete') throw errors.fileIncomplete(file.id);
      const etag = `"${file.id}"`;
      const range = requestedRange(req, file.size, etag);
      const headers: Record<string, string> = {
        'Content-Type': file.contentType,
        'Content-Length': String(range ? range.end - range.start + 1 : file.size),
        'Content-Disposition': attachmentDisposition(openFileName(deps, file)),
        'X-Content-Type-Options': 'nosniff',
        'Accept-Ranges': 'bytes',
        'Cache-Control': 'private, no-store',
        ETag: etag,
        ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${file.size}` } : {}),
      };
      // opened (and audited) before any header is set, so a failure to open is an ordinary problem answer
      const content = req.method === 'HEAD' ? null : await openDownload(deps, actor, readable, range);
      // setHeader, not res.set: Express would add a charset to text types the uploader did not declare
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.status(range ? 206 : 200);
      if (!content) return void res.end();
      try {
        await pipeline(content, res);
      } catch (error) {
        // never end normally: a short answer must not pass for the whole file
        res.destroy();
        if (error instanceof DecryptionError) {
          deps.logger.error({ fileId: file.id, reason: (error as { reason?: string }).reason, requestId: res.locals.requestId }, 'file failed its integrity check');
        }
      }
    },
  }),
];
