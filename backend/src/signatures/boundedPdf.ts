/**
 * Opens a PDF someone uploaded for signature without letting it hold the server: the size is checked before a byte
 * is parsed, the parser yields to the event loop every few objects (so other requests keep being served while a
 * large file is read), no stream may inflate past a cap and all of them together past a total within a deadline
 * (decodedStreamLimit.ts), an object that does not parse
 * refuses the file, the page count the document claims is checked before its page tree is walked, and anything
 * the parser chokes on (deep nesting that overflows the stack, a page tree that loops, broken cross-references)
 * becomes a refusal with a stable code instead of a 500.
 */
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import type { Config } from '../config';
import { AppError, errors } from '../errors';
import { limitDecodedStreams, withDecodeBudget } from './decodedStreamLimit';
import { signingSettings } from './signingSettings';

export interface PdfLimits {
  maxBytes: number;
  maxPages: number;
  /** All streams of one file together may decode to this much; by default four times maxBytes, at most 256 MB. */
  maxDecodedBytes?: number;
  /** How long one load may take; by default LOAD_DEADLINE_MS. */
  maxLoadMs?: number;
}

const MAX_TOTAL_DECODED_BYTES = 256 * 1024 * 1024;

/** Far longer than a real document of the largest allowed size takes to load. */
const LOAD_DEADLINE_MS = 10_000;

/** The limits SIGNATURE_PDF_MAX_MB and SIGNATURE_PDF_MAX_PAGES set. */
export function pdfLimitsFrom(config: Pick<Config, 'signaturePdfMaxMb' | 'signaturePdfMaxPages'>): PdfLimits {
  return { maxBytes: config.signaturePdfMaxMb * 1024 * 1024, maxPages: config.signaturePdfMaxPages };
}

/** The settings' defaults, for callers that pass no limits. */
export const defaultPdfLimits: PdfLimits = pdfLimitsFrom({
  signaturePdfMaxMb: signingSettings.signaturePdfMaxMb.parse(signingSettings.signaturePdfMaxMb.default()),
  signaturePdfMaxPages: signingSettings.signaturePdfMaxPages.parse(signingSettings.signaturePdfMaxPages.default()),
});

/** Objects parsed between two yields to the event loop: small enough that one slice stays in the milliseconds. */
const OBJECTS_PER_TICK = 200;

export async function openBoundedPdf(bytes: Uint8Array, limits: PdfLimits = defaultPdfLimits): Promise<PDFDocument> {
  if (bytes.length > limits.maxBytes) throw errors.pdfTooLarge(Math.floor(limits.maxBytes / (1024 * 1024)));
  if (!Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) throw errors.pdfUnreadable();
  limitDecodedStreams();
  let doc: PDFDocument;
  try {
    // pdf-lib's own EncryptedPDFError is not an instanceof match (it is compiled to ES5), so ask the document.
    // An object that does not parse refuses the file: pdf-lib's lenient mode would skip it with two console
    // warnings each, which a file of a million broken objects turns into a flood of log lines.
    const budget = {
      maxDecodedBytes: limits.maxDecodedBytes ?? Math.min(4 * limits.maxBytes, MAX_TOTAL_DECODED_BYTES),
      deadline: Date.now() + (limits.maxLoadMs ?? LOAD_DEADLINE_MS),
    };
    doc = await withDecodeBudget(budget, () =>
      PDFDocument.load(bytes, { parseSpeed: OBJECTS_PER_TICK, updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true }),
    );
    // Parsing without decoding can run long too; past the deadline the work after it is not started.
    if (Date.now() > budget.deadline) throw new RangeError('This PDF took too long to load.');
  } catch {
    throw errors.pdfUnreadable();
  }
  if (doc.isEncrypted) throw errors.pdfEncrypted();
  refuseTooManyPages(doc, limits.maxPages);
  return doc;
}

function refuseTooManyPages(doc: PDFDocument, maxPages: number): void {
  let pages: number;
  try {
    // The root's /Count is the document's own claim; refusing on it first spares walking a huge tree.
    const root = doc.catalog.lookupMaybe(PDFName.of('Pages'), PDFDict);
    const claimed = root?.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber();
    if (claimed !== undefined && claimed > maxPages) throw errors.pdfTooManyPages(claimed, maxPages);
    pages = doc.getPageCount();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw errors.pdfUnreadable();
  }
  if (pages === 0) throw errors.pdfUnreadable();
  if (pages > maxPages) throw errors.pdfTooManyPages(pages, maxPages);
}
