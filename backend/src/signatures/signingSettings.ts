/** Settings for signed documents: the certificate that signs completed PDFs, and how big an uploaded PDF may be. */
import { integer, text, type Setting } from '../configFormats';

export const signingSettings = {
  pdfSigningCertificate: {
    env: 'PDF_SIGNING_CERTIFICATE',
    doc: 'Path of the certificate and private key that digitally sign completed documents: a PKCS#12 file (.p12/.pfx) or a PEM file holding the certificate chain and an RSA private key. Unset in embedded mode means a self-signed certificate generated once into DATA_DIR/secrets.',
    example: '/run/secrets/sealpost-signing.p12',
    format: 'file path',
    // Empty, not undefined, means unset: the Config type then says plainly that it is a string.
    default: () => '',
    parse: text,
  },
  pdfSigningPassphrase: {
    env: 'PDF_SIGNING_PASSPHRASE',
    doc: 'Passphrase of PDF_SIGNING_CERTIFICATE (of the PKCS#12 file, or of an encrypted PEM private key). Never logged.',
    example: '(the passphrase)',
    format: 'text',
    default: () => '',
    parse: text,
  },
  signaturePdfMaxMb: {
    env: 'SIGNATURE_PDF_MAX_MB',
    doc: 'Largest PDF accepted for signature. Reading a PDF takes time and memory in proportion to its size.',
    example: '50',
    format: 'integer 1-200 (MB)',
    default: () => '25',
    parse: integer(1, 200),
  },
  signaturePdfMaxPages: {
    env: 'SIGNATURE_PDF_MAX_PAGES',
    doc: 'Most pages a PDF for signature may have.',
    example: '200',
    format: 'integer 1-5000',
    default: () => '500',
    parse: integer(1, 5000),
  },
} satisfies Record<string, Setting<unknown>>;
