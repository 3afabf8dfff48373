/** The HTTP header work of file routes: one byte range (RFC 9110), Content-Disposition (RFC 6266/5987), tus headers. */
import type { Request } from 'express';
import type { ByteRange } from '../../commands/fileDownload';
import { errors } from '../../errors';
import { CHUNK_CONTENT_TYPE, TUS_VERSION } from '../../contract/files';

/**
 * The range to send, or null for the whole file. Only a single `bytes=` range is served; anything else (several
 * ranges, other units, bad syntax, a stale If-Range) is ignored as RFC 9110 allows, and the whole file is sent.
 * A range that starts past the end cannot be satisfied: 416.
 */
export function requestedRange(req: Request, size: number, etag: string): ByteRange | null {
  const header = req.get('range');
  if (!header) return null;
  const ifRange = req.get('if-range');
  if (ifRange !== undefined && ifRange !== etag) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw errors.rangeNotSatisfiable(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? Number.POSITIVE_INFINITY : Number(match[2]);
  if (last < start) return null;
  if (start >= size) throw errors.rangeNotSatisfiable(size);
  return { start, end: Math.min(last, size - 1) };
}

/** RFC 5987 attr-chars are letters, digits and !#$&+-.^_`|~; everything else is percent-encoded UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment` with an ASCII fallback for old clients and the exact name as filename*. */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Upload-Offset: digits only (Number() would also take "1e3", " 12" or "0x10"). */
export function uploadOffset(req: Request): number | null {
  const value = req.get('upload-offset');
  if (value === undefined || !/^\d{1,16}$/.test(value)) return null;
  const offset = Number(value);
  return Number.isSafeInteger(offset) ? offset : null;
}

export function contentLength(req: Request): number | null {
  const value = req.get('content-length');
  return value !== undefined && /^\d{1,16}$/.test(value) ? Number(value) : null;
}

export function isChunkContentType(req: Request): boolean {
  return (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === CHUNK_CONTENT_TYPE;
}

/** tus clients send Tus-Resumable; plain HTTP clients may leave it out. */
export function speaksOurTus(req: Request): boolean {
  const version = req.get('tus-resumable');
  return version === undefined || version === TUS_VERSION;
}
