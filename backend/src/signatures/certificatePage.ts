/**
 * The certificate of completion appended to a signed document: what was signed (name and SHA-256 of the original
 * and of the final content), who signed (name, email, consent time, sign time, IP address, user agent) and the
 * events in order. It takes as many pages as it needs. Every string that came from a person goes through
 * displayableText and the font chain, so a name with bidi overrides, NULs, emoji or a megabyte of text prints as
 * bounded, visible characters.
 *
 * "Final content" is the flattened document: the original with every field drawn in, as flattenFields returned
 * it, before this page was appended and before the digital signature. Its hash cannot cover this page (a page
 * cannot hold the hash of the file it is part of); the digital signature applied after this page covers the whole
 * file, certificate included.
 */
import { createHash } from 'node:crypto';
import { PageSizes, rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import { errors } from '../errors';
import { openBoundedPdf, type PdfLimits } from './boundedPdf';
import { FontChain } from './fonts';
import { displayableText } from './safeText';

export interface CompletedSigner {
  name: string;
  email: string;
  consentedAt: Date;
  signedAt: Date;
  ipAddress: string;
  userAgent: string;
}

export interface CompletionEvent {
  at: Date;
  /** Who acted, as it should read: a name or an email. */
  actor: string;
  /** What happened, in words: "viewed the document", "agreed to sign electronically", "signed". */
  action: string;
}

export interface Completion {
  documentName: string;
  /** SHA-256 of the document as uploaded, hex. */
  originalSha256: string;
  signers: readonly CompletedSigner[];
  events: readonly CompletionEvent[];
}

/** The most signers and events printed; the rest is counted, since the audit trail holds them all. */
export const certificateBounds = { maxSigners: 100, maxEvents: 500 };

/** Lines drawn between two yields to the event loop: shaping text through fontkit costs a few ms a line. */
const LINES_PER_TURN = 25;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const MARGIN = 50;
const GREY = rgb(0.35, 0.35, 0.35);

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The flattened document with the certificate pages after its last page. */
export async function certificatePage(flattenedPdf: Uint8Array, completion: Completion, limits?: PdfLimits): Promise<Uint8Array> {
  if (!/^[0-9a-f]{64}$/.test(completion.originalSha256)) throw errors.badRequest('The original document hash must be 64 lowercase hex digits (SHA-256).');
  const finalSha256 = sha256Hex(flattenedPdf);
  const doc = await openBoundedPdf(flattenedPdf, limits);
  const writer = new PageWriter(doc, new FontChain(doc, 'text'), new FontChain(doc, 'bold'));

  await writer.heading('Certificate of completion', 18);
  await writer.field('Document', displayableText(completion.documentName, 300));
  await writer.field('SHA-256 of the original', completion.originalSha256);
  await writer.field('SHA-256 of the final content', finalSha256);
  await writer.note('The final content is the document with every field filled in, before this certificate and the digital signature were added. The digital signature covers the whole file, this certificate included.');

  await writer.heading('Signers', 13);
  const signers = completion.signers.slice(0, certificateBounds.maxSigners);
  for (const [i, signer] of signers.entries()) {
    if (i % 4 === 3) await nextTurn();
    await writer.field('Name', displayableText(signer.name, 200));
    await writer.field('Email', displayableText(signer.email, 320));
    await writer.field('Agreed to sign electronically', timestamp(signer.consentedAt));
    await writer.field('Signed', timestamp(signer.signedAt));
    await writer.field('IP address', displayableText(signer.ipAddress, 45));
    await writer.field('User agent', displayableText(signer.userAgent, 400));
    writer.gap();
  }
  await writer.more(completion.signers.length - signers.length, 'signers');

  await writer.heading('Events', 13);
  const events = completion.events.slice(0, certificateBounds.maxEvents);
  for (const [i, event] of events.entries()) {
    if (i % LINES_PER_TURN === LINES_PER_TURN - 1) await nextTurn();
    await writer.line(`${timestamp(event.at)}  ${displayableText(event.actor, 200)}: ${displayableText(event.action, 300)}`);
  }
  await writer.more(completion.events.length - events.length, 'events');

  return doc.save({ useObjectStreams: false, objectsPerTick: 200, updateFieldAppearances: false });
}

function timestamp(at: Date): string {
  return Number.isNaN(at.getTime()) ? 'unknown' : `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Writes top to bottom, starting a new A4 page when the current one is full. */
class PageWriter {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly text: FontChain,
    private readonly bold: FontChain,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage(PageSizes.A4);
    this.y = this.page.getHeight() - MARGIN;
  }

  private get width(): number {
    return this.page.getWidth() - 2 * MARGIN;
  }

  private room(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  private async write(chain: FontChain, text: string, size: number, indent = 0, color = rgb(0, 0, 0)): Promise<void> {
    for (const line of chain.wrap(text, size, this.width - indent)) {
      this.room(size * 1.35);
      this.y -= size * 1.35;
      await chain.drawLine(this.page, line, { x: MARGIN + indent, y: this.y, size, color });
    }
  }

  async heading(text: string, size: number): Promise<void> {
    this.room(size * 3);
    this.y -= size * 0.8;
    await this.write(this.bold, text, size);
    this.y -= size * 0.3;
  }

  async field(label: string, value: string): Promise<void> {
    await this.write(this.bold, label, 8, 0, GREY);
    await this.write(this.text, value || '(none)', 10, 8);
  }

  note(text: string): Promise<void> {
    return this.write(this.text, text, 8, 0, GREY);
  }

  line(text: string): Promise<void> {
    return this.write(this.text, text, 9);
  }

  gap(): void {
    this.y -= 8;
  }

  async more(count: number, what: string): Promise<void> {
    if (count > 0) await this.note(`… and ${count} more ${what}, recorded in the audit trail.`);
  }
}
