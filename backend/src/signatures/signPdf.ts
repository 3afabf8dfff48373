/**
 * The digital signature over a completed document: a PAdES-style detached PKCS#7 signature (SubFilter
 * adbe.pkcs7.detached, SHA-256) made with the platform certificate, covering every byte of the file except the
 * signature itself, so any PDF reader can show that the document has not changed since it was signed.
 * The signature is invisible (no widget on a page); readers list it in their signature panel.
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { PlatformSigner } from './platformSigner';
import type { SigningCertificate } from './signingCertificate';

export interface SignOptions {
  signingTime?: Date;
  /** Shown by readers as the reason for signing. */
  reason?: string;
}

/** Room for the PKCS#7 structure beyond the certificates it carries: signer info, attributes, the RSA signature. */
const SIGNATURE_OVERHEAD_BYTES = 4096;

/**
 * The PDF with the signature added. The input is a document this server produced (flattenFields, then
 * certificatePage), so it is read without the upload limits.
 */
export async function signPdf(pdf: Uint8Array, certificate: SigningCertificate, options: SignOptions = {}): Promise<Buffer> {
  const signingTime = options.signingTime ?? new Date();
  const doc = await PDFDocument.load(pdf, { parseSpeed: 200, updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: doc.getPage(doc.getPageCount() - 1),
    reason: options.reason ?? 'Completed electronic signature request',
    contactInfo: '',
    name: certificate.signerName,
    location: '',
    signingTime,
    signatureLength: certificate.chainBytes + SIGNATURE_OVERHEAD_BYTES,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Sealpost',
  });
  // Plain objects, not object streams: the signer finds the /ByteRange and /Contents placeholders in the bytes.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: 200, updateFieldAppearances: false }));
  return signpdf.sign(prepared, new PlatformSigner(certificate), signingTime);
}
