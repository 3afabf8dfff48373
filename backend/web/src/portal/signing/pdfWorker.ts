/**
 * The pdf.js worker, bundled by webpack as its own script under /web/assets (no CDN, allowed by the page's
 * `worker-src 'self'`). The parsing of a PDF, hostile or not, happens here, off the page's main thread.
 */
import 'pdfjs-dist/build/pdf.worker.min.mjs';
