/** PDFs for the signatures tests, made here with pdf-lib rather than checked in. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A document of `pages` Letter pages, each saying "Agreement page N", like a contract sent for signature. */
export async function agreementPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n += 1) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Agreement page ${n}`, { x: 72, y: 720, size: 18, font });
    page.drawText('The parties agree to the terms set out in this document.', { x: 72, y: 690, size: 11, font });
  }
  return doc.save();
}
