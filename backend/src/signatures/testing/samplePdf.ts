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

/**
 * A PDF written by hand from object bodies (object n is bodies[n - 1]), with a correct cross-reference table:
 * for files pdf-lib would never write, such as page trees that loop or lie about their size.
 */
export function handWrittenPdf(bodies: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
