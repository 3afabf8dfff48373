import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { certificatePage, sha256Hex } from './certificatePage';
import { flattenFields, type PlacedField } from './flattenFields';
import { signPdf } from './signPdf';
import { loadSigningCertificate, type SigningCertificate } from './signingCertificate';
import { agreementPdf } from './testing/samplePdf';
import { opensslVerifiesSignature, pdfsig, pdftotext } from './testing/independentReaders';

const fields: PlacedField[] = [
  { id: 'sig', kind: 'signature', page: 10, x: 72, y: 100, width: 220, height: 50, required: true },
  { id: 'date', kind: 'dateSigned', page: 10, x: 320, y: 110, width: 120, height: 24, required: true },
];

/** The signed range runs from the start of the file to the opening "<" of /Contents. */
function firstSignedRangeEnd(pdf: Buffer): number {
  const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no /ByteRange in the signed file');
  return Number(match[1]);
}

describe('signPdf', () => {
  let certificate: SigningCertificate;
  let signed: Buffer;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-sign-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    certificate = loadSigningCertificate({ mode: 'embedded', dataDir, pdfSigningCertificate: '', pdfSigningPassphrase: '' });
    const original = await agreementPdf(10);
    const flattened = await flattenFields(original, fields, {
      sig: { kind: 'signature', typed: 'Ada Byron' },
      date: { kind: 'dateSigned', signedAt: new Date('2026-12-04T10:02:03Z') },
    });
    const certified = await certificatePage(flattened, {
      documentName: 'Engagement letter.pdf',
      originalSha256: sha256Hex(original),
      signers: [{ name: 'Ada Byron', email: 'ada@example.com', consentedAt: new Date('2026-12-04T10:00:00Z'), signedAt: new Date('2026-12-04T10:02:03Z'), ipAddress: '203.0.113.7', userAgent: 'Firefox/140.0' }],
      events: [{ at: new Date('2026-12-04T10:02:03Z'), actor: 'Ada Byron', action: 'signed' }],
    });
    signed = await signPdf(certified, certificate, { signingTime: new Date('2026-12-04T10:02:04Z') });
  });

  test('when a completed document is signed, then pdfsig finds one valid adbe.pkcs7.detached signature covering the whole file', async () => {
    const report = await pdfsig(signed);
    expect(report).toContain('Signature #1:');
    expect(report).not.toContain('Signature #2:');
    expect(report).toContain('Signer Certificate Common Name: Sealpost document signing');
    expect(report).toContain('Signature Type: adbe.pkcs7.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
  });

  test('when a completed document is signed, then OpenSSL also verifies the CMS signature over the signed ranges', async () => {
    expect(await opensslVerifiesSignature(signed)).toContain('CMS Verification successful');
    const tampered = Buffer.from(signed);
    tampered[100] = tampered[100]! ^ 0x01;
    expect(await opensslVerifiesSignature(tampered)).toMatch(/CMS Verification failure|digest failure/i);
  });

  test('when a document is signed, then its pages and the certificate page still read back as text', async () => {
    const text = await pdftotext(signed);
    expect(text).toContain('Agreement page 10');
    expect(text).toContain('Ada Byron');
    expect(text).toContain('Certificate of completion');
  });

  test('when one byte inside the signed range is flipped, then pdfsig no longer reports a valid signature', async () => {
    const tampered = Buffer.from(signed);
    // A byte of the first page's text, well inside the first signed range.
    const at = tampered.indexOf('Agreement page 1)');
    const target = at > 0 && at < firstSignedRangeEnd(tampered) ? at + 10 : Math.floor(firstSignedRangeEnd(tampered) / 2);
    tampered[target] = tampered[target]! ^ 0x01;
    const report = await pdfsig(tampered);
    expect(report).not.toContain('Signature Validation: Signature is Valid.');
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  test('when bytes are appended after signing, then pdfsig says the signature no longer covers the whole document', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    const report = await pdfsig(appended);
    expect(report).toContain('Not total document signed');
    expect(report).not.toContain('- Total document signed');
  });
});
