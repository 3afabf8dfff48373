import { deflateSync } from 'node:zlib';
import { PDFBool, PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { loadConfig } from '../config';
import { openBoundedPdf, pdfLimitsFrom } from './boundedPdf';
import { MAX_DECODED_STREAM_BYTES } from './decodedStreamLimit';
import { agreementPdf, handWrittenPdf } from './testing/samplePdf';

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const err = (await promise.then(() => null, (e: unknown) => e)) as { status: number; code: string } | null;
  if (!err) throw new Error('expected a refusal');
  return { status: err.status, code: err.code };
}

const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>';

/** A flate-compressed object stream holding object `objectNumber` ("null"), padded with blanks to `decodedBytes`. */
function objectStreamOf(objectNumber: number, decodedBytes: number): string {
  const content = Buffer.alloc(decodedBytes, 0x20);
  const header = `${objectNumber} 0 `;
  content.write(`${header}null`);
  const packed = deflateSync(content, { level: 9 });
  return Buffer.concat([
    Buffer.from(`<< /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'),
    packed,
    Buffer.from('\nendstream', 'latin1'),
  ]).toString('latin1');
}

describe('openBoundedPdf', () => {
  test('when a document is within the limits, then it opens with all its pages', async () => {
    const doc = await openBoundedPdf(await agreementPdf(12), { maxBytes: 1024 * 1024, maxPages: 12 });
    expect(doc.getPageCount()).toBe(12);
  });

  test('when SIGNATURE_PDF_MAX_MB and SIGNATURE_PDF_MAX_PAGES are set, then they are the limits, and the defaults are 25 MB and 500 pages', () => {
    expect(pdfLimitsFrom(loadConfig({ SIGNATURE_PDF_MAX_MB: '3', SIGNATURE_PDF_MAX_PAGES: '40' }))).toEqual({ maxBytes: 3 * 1024 * 1024, maxPages: 40 });
    expect(pdfLimitsFrom(loadConfig({}))).toEqual({ maxBytes: 25 * 1024 * 1024, maxPages: 500 });
    expect(() => loadConfig({ SIGNATURE_PDF_MAX_PAGES: '0' })).toThrow(/SIGNATURE_PDF_MAX_PAGES must be a whole number between 1 and 5000/);
  });

  test('when a file is 50 MB, then it is refused as too large before it is parsed', async () => {
    const fifty = Buffer.alloc(50 * 1024 * 1024, 0x20);
    fifty.write('%PDF-1.7\n');
    expect(await refusal(openBoundedPdf(fifty))).toEqual({ status: 413, code: 'pdf_too_large' });
  });

  test('when a document has more pages than allowed, then it is refused with the count', async () => {
    const err = await openBoundedPdf(await agreementPdf(11), { maxBytes: 1024 * 1024, maxPages: 10 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 413, code: 'pdf_too_many_pages', details: { pages: 11, maxPages: 10 } });
  });

  test('when a page tree claims a million pages, then it is refused on the claim without walking the tree', async () => {
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>', page]);
    expect(await refusal(openBoundedPdf(pdf))).toEqual({ status: 413, code: 'pdf_too_many_pages' });
  });

  test('when a page tree loops back on itself, then it is refused as unreadable', async () => {
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>', page]);
    expect(await refusal(openBoundedPdf(pdf))).toEqual({ status: 422, code: 'pdf_unreadable' });
  });

  test('when an object nests arrays a hundred thousand deep, then the document is refused, not the process', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, deep]);
    expect(await refusal(openBoundedPdf(pdf))).toEqual({ status: 422, code: 'pdf_unreadable' });
  });

  test('when a file holds objects that do not parse, then it is refused rather than repaired with a warning per object', async () => {
    const broken = Array.from({ length: 1000 }, () => '<< /Broken [ 1 2 >> ]');
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, ...broken]);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await refusal(openBoundedPdf(pdf))).toEqual({ status: 422, code: 'pdf_unreadable' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('when an object stream inflates past the cap (a compression bomb), then the file is refused instead of filling memory', async () => {
    // A valid object stream: object 5 at offset 4, then blanks, which compress about a thousand to one.
    const content = Buffer.alloc(MAX_DECODED_STREAM_BYTES * 2, 0x20);
    content.write('5 0 << /Padding true >>');
    const bomb = deflateSync(content);
    const objectStream = Buffer.concat([
      Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, 'latin1'),
      bomb,
      Buffer.from('\nendstream', 'latin1'),
    ]).toString('latin1');
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, objectStream]);
    expect(pdf.length).toBeLessThan(256 * 1024);
    expect(await refusal(openBoundedPdf(pdf))).toEqual({ status: 422, code: 'pdf_unreadable' });
  });

  test('when an object stream inflates to less than the cap, then its objects are read', async () => {
    const content = Buffer.alloc(1024 * 1024, 0x20);
    content.write('5 0 << /Padding true >>');
    const packed = deflateSync(content);
    const objectStream = Buffer.concat([
      Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'),
      packed,
      Buffer.from('\nendstream', 'latin1'),
    ]).toString('latin1');
    const doc = await openBoundedPdf(handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, objectStream]));
    expect(doc.getPageCount()).toBe(1);
    const padded = doc.context.lookup(PDFRef.of(5), PDFDict);
    expect(padded.get(PDFName.of('Padding'))).toBe(PDFBool.True);
  });

  test('when many object streams each stay under the per-stream cap but together inflate past the total, then the file is refused', async () => {
    // Each stream holds one object, then blanks: eight of them decode to 16 MB, twice the lowered total of 8 MB.
    const objectStreams = Array.from({ length: 8 }, (_, i) => objectStreamOf(100 + i, 2 * 1024 * 1024));
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, ...objectStreams]);
    const limits = { maxBytes: 8 * 1024 * 1024, maxPages: 10 };
    expect((await openBoundedPdf(pdf, limits)).getPageCount()).toBe(1);
    expect(await refusal(openBoundedPdf(pdf, { ...limits, maxDecodedBytes: 8 * 1024 * 1024 }))).toEqual({ status: 422, code: 'pdf_unreadable' });
    // Two loads under way at once each have their own total: neither is refused for the other's streams.
    const both = await Promise.all([openBoundedPdf(pdf, { ...limits, maxDecodedBytes: 20 * 1024 * 1024 }), openBoundedPdf(pdf, { ...limits, maxDecodedBytes: 20 * 1024 * 1024 })]);
    expect(both.map((doc) => doc.getPageCount())).toEqual([1, 1]);
  });

  test('when decoding a file runs past the load deadline, then the file is refused', async () => {
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, objectStreamOf(100, 1024 * 1024)]);
    expect(await refusal(openBoundedPdf(pdf, { maxBytes: 1024 * 1024, maxPages: 10, maxLoadMs: -1 }))).toEqual({ status: 422, code: 'pdf_unreadable' });
  });

  test('when the file is not a PDF or its cross-references are garbage, then it is refused as unreadable', async () => {
    expect(await refusal(openBoundedPdf(Buffer.from('PK\u0003\u0004 a zip file')))).toEqual({ status: 422, code: 'pdf_unreadable' });
    expect(await refusal(openBoundedPdf(Buffer.from('%PDF-1.7\n trailer << /Root 99 0 R >>')))).toEqual({ status: 422, code: 'pdf_unreadable' });
  });

  test('when a document is encrypted, then it is refused with pdf_encrypted', async () => {
    const pdf = handWrittenPdf(
      ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'],
      '/Encrypt 4 0 R /ID [<01> <01>] ',
    );
    expect(await refusal(openBoundedPdf(pdf))).toEqual({ status: 422, code: 'pdf_encrypted' });
  });

  test('when a document has many objects, then the event loop runs other work while it is parsed', async () => {
    const pdf = await agreementPdf(400);
    let turns = 0;
    const timer = setInterval(() => { turns += 1; }, 0);
    try {
      await openBoundedPdf(pdf);
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(1);
  });
});
