/**
 * Opening a PDF with pdf.js, bounded: the parser runs in its own worker (one per document, ended with it), no code
 * from the file is ever evaluated, decoded images are capped, and only the first MAX_SHOWN_PAGES pages are shown.
 * The bytes come from memory (the decrypted download), so nothing is fetched, cached or left behind.
 */
import type { PageViewport, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';

/** Pages shown at most; the server refuses documents for signature longer than its own limit (200 by default). */
export const MAX_SHOWN_PAGES = 500;
/** Largest image pdf.js decodes, in pixels: a bigger one is left out rather than filling memory. */
const MAX_IMAGE_PIXELS = 4096 * 4096;

export interface OpenedPdf {
  pdf: PDFDocumentProxy;
  pageCount: number;
  /** The shown pages at scale 1 (rotation applied; width and height in PDF points), page 1 first. */
  viewports: PageViewport[];
  getPage(pageNumber: number): Promise<PDFPageProxy>;
  /** Ends the worker and frees everything pdf.js holds for this document. */
  close(): Promise<void>;
}

export async function openPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<OpenedPdf> {
  const pdfjs = await import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist');
  const port = new Worker(new URL('./pdfWorker.ts', import.meta.url), { type: 'module', name: 'pdf' });
  // The constructor's declared type omits the Worker it accepts as its port.
  const worker = new pdfjs.PDFWorker({ port: port as unknown as null });
  const task = pdfjs.getDocument({
    data: bytes,
    worker,
    isEvalSupported: false,
    enableXfa: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    useWorkerFetch: false,
    verbosity: 0,
  });
  const close = async () => {
    await task.destroy().catch(() => undefined);
    worker.destroy();
    port.terminate();
  };
  const onAbort = () => void close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const pdf = await task.promise;
    const shown = Math.min(pdf.numPages, MAX_SHOWN_PAGES);
    const viewports: PageViewport[] = [];
    for (let n = 1; n <= shown; n += 1) viewports.push((await pdf.getPage(n)).getViewport({ scale: 1 }));
    return { pdf, pageCount: pdf.numPages, viewports, getPage: (n) => pdf.getPage(n), close };
  } catch (err) {
    await close();
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
