import { pngImage } from '../testing/images';
import { flattenFields, type FieldValue, type PlacedField } from './flattenFields';
import { agreementPdf, handWrittenPdf } from './testing/samplePdf';
import { degrees, PDFDocument } from 'pdf-lib';
import { pdfimagesOnPage, pdftotext, pdftotextWords } from './testing/independentReaders';

function field(id: string, kind: PlacedField['kind'], page: number, rect: [number, number, number, number], required = true): PlacedField {
  const [x, y, width, height] = rect;
  return { id, kind, page, x, y, width, height, required };
}

const fields: PlacedField[] = [
  field('sig', 'signature', 1, [72, 100, 220, 50]),
  field('date', 'dateSigned', 1, [320, 110, 120, 24]),
  field('address', 'text', 2, [72, 500, 300, 60]),
  field('agree', 'checkbox', 2, [72, 450, 14, 14]),
  field('optout', 'checkbox', 2, [100, 450, 14, 14], false),
  field('initials', 'initials', 3, [500, 40, 60, 30]),
];

const values: Record<string, FieldValue> = {
  sig: { kind: 'signature', typed: 'Zoë Łukasiewicz' },
  date: { kind: 'dateSigned', signedAt: new Date('2026-12-04T15:30:00Z') },
  address: { kind: 'text', text: '12 Rue de la Paix, 75002 Paris' },
  agree: { kind: 'checkbox', checked: true },
  optout: { kind: 'checkbox', checked: false },
  initials: { kind: 'initials', drawnPng: pngImage(120, 60, [20, 20, 90]) },
};

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const err = (await promise.then(() => null, (e: unknown) => e)) as { status: number; code: string } | null;
  if (!err) throw new Error('expected a refusal');
  return { status: err.status, code: err.code };
}

describe('flattenFields', () => {
  let flattened: Uint8Array;
  beforeAll(async () => {
    flattened = await flattenFields(await agreementPdf(3), fields, values);
  });

  test('when a typed signature and a date are filled, then an independent reader finds both on page 1', async () => {
    const page1 = await pdftotext(flattened, { first: 1, last: 1 });
    expect(page1).toContain('Agreement page 1');
    expect(page1).toContain('Zoë Łukasiewicz');
    expect(page1).toContain('2026-12-04');
  });

  test('when text and a checked box are filled, then both are on page 2, and an unchecked box draws nothing', async () => {
    const page2 = await pdftotext(flattened, { first: 2, last: 2 });
    expect(page2).toContain('12 Rue de la Paix, 75002 Paris');
    expect(page2.match(/\bX\b/g)).toHaveLength(1);
  });

  test('when initials are drawn, then page 3 carries the picture and the other pages none', async () => {
    expect(await pdfimagesOnPage(flattened, 3)).toBe(1);
    expect(await pdfimagesOnPage(flattened, 1)).toBe(0);
  });

  test('when a typed signature holds characters no bundled font has, then each prints as "?" and the rest as typed', async () => {
    const out = await flattenFields(await agreementPdf(1), [field('sig', 'signature', 1, [72, 100, 300, 50])], {
      sig: { kind: 'signature', typed: 'Dana \u05D3\u05E0\u05D4 \u{1F600} Ωmega Жанна' },
    });
    expect(await pdftotext(out)).toContain('Dana ??? ? Ωmega Жанна');
  });

  test('when pages are shown rotated, then a typed signature stands upright on each as the reader sees it', async () => {
    const doc = await PDFDocument.create();
    const rotations = [0, 90, 180, 270];
    for (const angle of rotations) doc.addPage([612, 792]).setRotation(degrees(angle));
    const sideways = rotations.map((_, i) => field(`sig${i}`, 'signature', i + 1, [100, 100, 60, 200]));
    const typed = Object.fromEntries(rotations.map((angle, i) => [`sig${i}`, { kind: 'signature', typed: `Ada Byron${angle}` } as FieldValue]));
    const out = await flattenFields(await doc.save(), sideways, typed);
    for (const [i, angle] of rotations.entries()) {
      const word = (await pdftotextWords(out, i + 1)).find((box) => box.word === `Byron${angle}`);
      expect(word).toBeDefined();
      // A horizontal word on screen is wider than it is high; one drawn without turning would stand on its side.
      expect(word!.xMax - word!.xMin).toBeGreaterThan(word!.yMax - word!.yMin);
    }
  });

  test('when the original has a form field without an appearance holding text standard fonts cannot encode, then it is left as it is', async () => {
    const original = handWrittenPdf([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R] >>',
      '<< /Type /Annot /Subtype /Widget /FT /Tx /T (client) /V <FEFF0416043000BD> /Rect [72 700 300 720] /P 3 0 R >>',
    ]);
    const out = await flattenFields(original, [field('sig', 'signature', 1, [72, 100, 220, 50])], { sig: { kind: 'signature', typed: 'Ada Byron' } });
    expect(await pdftotext(out)).toContain('Ada Byron');
  });

  test('when a field names a page the document lacks, then it is refused with signature_field_off_page', async () => {
    const original = await agreementPdf(3);
    expect(await refusal(flattenFields(original, [field('sig', 'signature', 4, [72, 100, 220, 50])], values))).toEqual({ status: 400, code: 'signature_field_off_page' });
    expect(await refusal(flattenFields(original, [field('sig', 'signature', 1, [500, 100, 220, 50])], values))).toEqual({ status: 400, code: 'signature_field_off_page' });
    expect(await refusal(flattenFields(original, [field('sig', 'signature', 1, [Number.NaN, 100, 220, 50])], values))).toEqual({ status: 400, code: 'signature_field_off_page' });
  });

  test('when a required field has no value or a value of another kind, then it is refused with signature_field_value_missing', async () => {
    const original = await agreementPdf(1);
    const sig = field('sig', 'signature', 1, [72, 100, 220, 50]);
    expect(await refusal(flattenFields(original, [sig], {}))).toEqual({ status: 400, code: 'signature_field_value_missing' });
    expect(await refusal(flattenFields(original, [sig], { sig: { kind: 'text', text: 'me' } }))).toEqual({ status: 400, code: 'signature_field_value_missing' });
    expect(await refusal(flattenFields(original, [field('d', 'dateSigned', 1, [72, 100, 220, 50])], { d: { kind: 'dateSigned', signedAt: new Date('nope') } })))
      .toEqual({ status: 400, code: 'signature_field_value_missing' });
  });

  test('when a drawn signature is not a PNG, or declares a huge picture, then it is refused before decoding', async () => {
    const original = await agreementPdf(1);
    const sig = field('sig', 'signature', 1, [72, 100, 220, 50]);
    const huge = pngImage(2, 2);
    huge.writeUInt32BE(100_000, 16);
    for (const drawnPng of [Buffer.from('GIF89a not a png at all'), huge]) {
      expect(await refusal(flattenFields(original, [sig], { sig: { kind: 'signature', drawnPng } }))).toEqual({ status: 400, code: 'invalid_signature_image' });
    }
  });
});
