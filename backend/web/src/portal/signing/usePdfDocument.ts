/**
 * A message's PDF opened for viewing: the decrypted bytes stream from the file download route (answered no-store)
 * into memory and straight to pdf.js; no object URL, no cache entry, no copy on disk. Leaving the page ends the
 * download or closes the document and its worker.
 */
import { useCallback, useEffect, useState } from 'react';
import { downloadFile } from '../api/files';
import { asProblem, PortalProblem } from '../api/http';
import { openPdf, type OpenedPdf } from './pdfDocument';

export type PdfState =
  | { kind: 'loading'; done: number; total: number }
  | { kind: 'failed'; problem: PortalProblem }
  | { kind: 'ready'; doc: OpenedPdf };

const UNREADABLE = 'This document could not be shown: it is not a PDF this page can read. Download it to open it in a PDF reader.';

export function usePdfDocument(fileId: string): { state: PdfState; retry: () => void } {
  const [state, setState] = useState<PdfState>({ kind: 'loading', done: 0, total: 0 });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let opened: OpenedPdf | null = null;
    setState({ kind: 'loading', done: 0, total: 0 });
    void (async () => {
      try {
        const { blob } = await downloadFile(fileId, (done, total) => !abort.signal.aborted && setState({ kind: 'loading', done, total }), abort.signal);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        if (abort.signal.aborted) return;
        try {
          opened = await openPdf(bytes, abort.signal);
        } catch {
          if (!abort.signal.aborted) setState({ kind: 'failed', problem: new PortalProblem(0, 'pdf_unreadable', UNREADABLE) });
          return;
        }
        if (abort.signal.aborted) return void opened.close();
        setState({ kind: 'ready', doc: opened });
      } catch (err) {
        if (!abort.signal.aborted) setState({ kind: 'failed', problem: asProblem(err) });
      }
    })();
    return () => {
      abort.abort();
      void opened?.close();
    };
  }, [fileId, attempt]);

  return { state, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}
