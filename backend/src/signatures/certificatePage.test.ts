import { certificatePage, certificateBounds, sha256Hex, type Completion } from './certificatePage';
import { agreementPdf } from './testing/samplePdf';
import { pdftotext } from './testing/independentReaders';
import { PDFDocument } from 'pdf-lib';

const original = sha256Hex(Buffer.from('the document as uploaded'));

function completion(overrides: Partial<Completion> = {}): Completion {
  return {
    documentName: 'Engagement letter 2027.pdf',
    originalSha256: original,
    signers: [
      { name: 'Ada Byron', email: 'ada@example.com', consentedAt: new Date('2026-12-04T10:00:00Z'), signedAt: new Date('2026-12-04T10:02:03Z'), ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
      { name: 'Émile Zola', email: 'emile@example.org', consentedAt: new Date('2026-12-04T11:00:00Z'), signedAt: new Date('2026-12-04T11:05:00Z'), ipAddress: '2001:db8::1', userAgent: 'Mozilla/5.0 (iPhone) Safari/604.1' },
    ],
    events: [
      { at: new Date('2026-12-04T09:59:00Z'), actor: 'Ada Byron', action: 'viewed the document' },
      { at: new Date('2026-12-04T10:00:00Z'), actor: 'Ada Byron', action: 'agreed to sign electronically' },
      { at: new Date('2026-12-04T10:02:03Z'), actor: 'Ada Byron', action: 'signed' },
      { at: new Date('2026-12-04T11:05:00Z'), actor: 'Émile Zola', action: 'signed' },
    ],
    ...overrides,
  };
}

async function pagesOf(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

describe('certificatePage', () => {
  test('when a document is completed, then a page after the last one names it, both hashes, every signer and the events in order', async () => {
    const flattened = await agreementPdf(2);
    const out = await certificatePage(flattened, completion());
    expect(await pagesOf(out)).toBe(3);
    const text = (await pdftotext(out, { first: 3, last: 3 })).replace(/\s+/g, ' ');
    expect(text).toContain('Certificate of completion');
    expect(text).toContain('Engagement letter 2027.pdf');
    expect(text).toContain(original);
    expect(text).toContain(sha256Hex(flattened));
    for (const piece of ['Ada Byron', 'ada@example.com', '2026-12-04 10:00:00 UTC', '2026-12-04 10:02:03 UTC', '203.0.113.7', 'Firefox/140.0', 'Émile Zola', '2001:db8::1', 'Safari/604.1']) {
      expect(text).toContain(piece);
    }
    const order = ['viewed the document', 'agreed to sign electronically', 'Ada Byron: signed', 'Émile Zola: signed'].map((event) => text.indexOf(event));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('when names hold bidi overrides, NUL, emoji and a megabyte of text, then the page shows bounded, visible text', async () => {
    const hostile = completion({
      documentName: `Contract\u202Efdp.exe\u202C\u0000 ${'x'.repeat(1024 * 1024)}`,
      signers: [{ ...completion().signers[0]!, name: `Mallory\u0000\u2066 \u{1F600} \u05D0`, userAgent: 'U'.repeat(1024 * 1024) }],
    });
    const out = await certificatePage(await agreementPdf(1), hostile);
    const text = await pdftotext(out, { first: 2, last: await pagesOf(out) });
    expect(text).toContain('Contractfdp.exe');
    expect(text).toContain('Mallory ? ?');
    expect(text).not.toMatch(/[\u0000\u202E\u202C\u2066]/);
    expect(text).toContain('\u2026');
    // A megabyte of name and user agent is cut to a few lines, not hundreds of pages.
    expect(await pagesOf(out)).toBe(2);
    expect(text.length).toBeLessThan(5000);
  });

  test('when there are more events than are printed, then the pages that follow hold them and the rest are counted', async () => {
    const many = Array.from({ length: certificateBounds.maxEvents + 7 }, (_, i) => ({ at: new Date(Date.UTC(2026, 11, 4, 0, 0, i)), actor: 'Ada Byron', action: `viewed page ${i + 1}` }));
    const out = await certificatePage(await agreementPdf(1), completion({ events: many }));
    const pages = await pagesOf(out);
    expect(pages).toBeGreaterThan(3);
    const text = await pdftotext(out, { first: 2, last: pages });
    expect(text).toContain(`viewed page ${certificateBounds.maxEvents}`);
    expect(text).not.toContain(`viewed page ${certificateBounds.maxEvents + 1}`);
    expect(text).toContain('and 7 more events');
  });

  test('when the original hash is not a SHA-256 in hex, then it is refused', async () => {
    await expect(certificatePage(await agreementPdf(1), completion({ originalSha256: 'abc' }))).rejects.toMatchObject({ status: 400, code: 'bad_request' });
  });
});
