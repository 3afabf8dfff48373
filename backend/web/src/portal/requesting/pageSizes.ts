/**
 * The size of each page of a PDF, in points, read with pdf-lib (which the server places fields with too), so
 * fields drawn here land where the server puts them. Bounded: a document too large or with too many pages to place
 * fields on is refused with a sentence rather than read.
 */
import { PDFDocument } from 'pdf-lib';
import type { PageSize } from './draft';

/** The largest limits a server may be configured with (SIGNATURE_PDF_MAX_MB, _PAGES): the server decides below them. */
export const MOST_BYTES = 200 * 1024 * 1024;
export const MOST_PAGES = 5000;

export class UnplaceableDocument extends Error {}

export async function readPageSizes(bytes: ArrayBuffer): Promise<PageSize[]> {
  if (bytes.byteLength > MOST_BYTES) throw new UnplaceableDocument('This PDF is too large to prepare for signing here (200 MB at most).');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    throw new UnplaceableDocument('This file could not be read as a PDF. Check that it opens in a PDF reader, or attach another copy.');
  }
  const count = doc.getPageCount();
  if (count === 0) throw new UnplaceableDocument('This PDF has no pages to sign.');
  if (count > MOST_PAGES) throw new UnplaceableDocument(`This PDF has ${count} pages; fields can be placed on documents of up to ${MOST_PAGES} pages.`);
  // the page's own frame, unrotated: the frame the server draws fields in
  return doc.getPages().map((page) => page.getSize());
}
