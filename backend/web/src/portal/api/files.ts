/**
 * File transfers with progress. Uploads are resumable (tus-shaped): create, then PATCH chunks at Upload-Offset;
 * after a failed chunk, HEAD says where the server stands and the upload goes on from there. Downloads read the
 * stream as it arrives and hand the browser a Blob; a stream that ends short failed its integrity check.
 */
import { apiFetch, PortalProblem, problemOf, requestJson, UNREACHABLE } from './http';
import type { AttachedFile } from './portalApi';

interface CreatedUpload extends AttachedFile {
  uploadUrl: string;
  chunkMultiple: number;
  received: number;
}

export type Progress = (done: number, total: number) => void;

/** What the API accepts as a media type; anything else is left out (stored as application/octet-stream). */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$/;
// Each PATCH pays for authentication, a database round trip and an fsync, so large files go in larger chunks
// (8 MiB measured 2–3× faster than 1 MiB); about fifty chunks per file keep the progress bar moving.
const MIB = 1024 * 1024;
const targetChunk = (size: number) => Math.min(8 * MIB, Math.max(MIB, Math.ceil(size / 50)));
const RETRIES = 5;
/** Answers after which trying again can help: the network, the server, or another request still holding the upload. */
const RETRYABLE = new Set(['network_error', 'offset_mismatch', 'upload_busy']);

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new DOMException('cancelled', 'AbortError'))), { once: true });
  });

async function serverOffset(uploadUrl: string, signal?: AbortSignal): Promise<number> {
  const res = await apiFetch('HEAD', uploadUrl, { headers: { 'tus-resumable': '1.0.0' }, signal });
  if (!res.ok) throw await problemOf(res);
  const offset = Number(res.headers.get('upload-offset'));
  if (!Number.isSafeInteger(offset)) throw new PortalProblem(res.status, 'unexpected', 'The upload could not be resumed. Try again.');
  return offset;
}

async function sendChunk(upload: CreatedUpload, file: Blob, offset: number, size: number, signal?: AbortSignal): Promise<number> {
  const res = await apiFetch('PATCH', upload.uploadUrl, {
    headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'tus-resumable': '1.0.0' },
    bytes: file.slice(offset, offset + size),
    signal,
  });
  if (!res.ok) throw await problemOf(res);
  return Number(res.headers.get('upload-offset'));
}

/** Uploads a file and resolves with it once the server holds every byte. */
export async function uploadFile(file: File, onProgress: Progress, signal?: AbortSignal): Promise<AttachedFile> {
  const upload = await requestJson<CreatedUpload>('POST', '/api/v1/uploads', {
    name: file.name,
    size: file.size,
    ...(MEDIA_TYPE.test(file.type) ? { contentType: file.type } : {}),
  });
  // Chunks are whole multiples of the server's segment, so every chunk is kept entirely.
  const chunk = Math.max(1, Math.round(targetChunk(file.size) / upload.chunkMultiple)) * upload.chunkMultiple;
  let offset = upload.received;
  let failures = 0;
  onProgress(offset, file.size);
  while (offset < file.size) {
    try {
      const next = await sendChunk(upload, file, offset, chunk, signal);
      if (!(next > offset)) throw new PortalProblem(0, 'offset_mismatch', 'The upload made no progress.');
      offset = next;
      failures = 0;
      onProgress(offset, file.size);
    } catch (err) {
      if (signal?.aborted) throw err;
      const code = err instanceof PortalProblem ? err.code : 'network_error';
      const status = err instanceof PortalProblem ? err.status : 0;
      if ((!RETRYABLE.has(code) && status < 500) || (failures += 1) > RETRIES) throw err;
      await pause(500 * 2 ** (failures - 1), signal);
      offset = await serverOffset(upload.uploadUrl, signal).catch(() => offset);
      onProgress(offset, file.size);
    }
  }
  return { id: upload.id, name: upload.name, size: upload.size, contentType: upload.contentType };
}

/** The file name from Content-Disposition (RFC 6266: filename* wins over the ASCII fallback). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] || fallback;
}

const INCOMPLETE = 'The file did not arrive complete, so it was discarded. Try the download again.';

/** Downloads a file's content with progress; the caller saves the Blob. */
export async function downloadFile(fileId: string, onProgress: Progress, signal?: AbortSignal): Promise<{ blob: Blob; name: string }> {
  const res = await apiFetch('GET', `/api/v1/files/${encodeURIComponent(fileId)}/content`, { signal });
  if (!res.ok) throw await problemOf(res);
  const total = Number(res.headers.get('content-length') ?? '0');
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const name = fileNameOf(res.headers.get('content-disposition'), 'download');
  const reader = res.body?.getReader();
  if (!reader) throw new PortalProblem(0, 'unexpected', INCOMPLETE);
  const parts: Uint8Array[] = [];
  let received = 0;
  onProgress(0, total);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.byteLength;
      onProgress(received, total);
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new PortalProblem(0, navigator.onLine === false ? 'network_error' : 'download_incomplete', navigator.onLine === false ? UNREACHABLE : INCOMPLETE);
  }
  // The server closes early, never ends normally, when a segment fails to decrypt: a short file is no file.
  if (total && received !== total) throw new PortalProblem(0, 'download_incomplete', INCOMPLETE);
  return { blob: new Blob(parts as BlobPart[], { type }), name };
}

/** Hands a downloaded Blob to the browser as a file to save. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
