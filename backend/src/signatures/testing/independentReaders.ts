/**
 * Readers of what the signatures code writes that share none of its code: pdfsig checks the digital signature,
 * pdftotext reads the text back and pdfimages lists the pictures (Debian poppler-utils), and OpenSSL checks the
 * signature again as plain CMS. .ci/run installs both packages.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);


async function withFile<T>(pdf: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    return await use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfsig's report, whatever its exit code (it exits non-zero for a broken or missing signature). */
export function pdfsig(pdf: Uint8Array): Promise<string> {
  return withFile(pdf, async (file) => {
    try {
      const { stdout, stderr } = await run('pdfsig', [file], { timeout: 30_000 });
      return stdout + stderr;
    } catch (err) {
      const { code, stdout = '', stderr = '' } = err as { code?: unknown; stdout?: string; stderr?: string };
      if (code === 'ENOENT') throw new Error('pdfsig is not installed: install Debian poppler-utils (.ci/run does).');
      return stdout + stderr;
    }
  });
}

/** The text of the pages, first to last (or only `pages` first..last, counted from 1), in reading layout. */
export function pdftotext(pdf: Uint8Array, pages?: { first: number; last: number }): Promise<string> {
  return withFile(pdf, async (file) => {
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    const { stdout } = await run('pdftotext', [...range, '-layout', '-enc', 'UTF-8', file, '-'], { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

/** How many images pdfimages lists on one page (counted from 1). */
export function pdfimagesOnPage(pdf: Uint8Array, page: number): Promise<number> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfimages', ['-list', '-f', String(page), '-l', String(page), file], { timeout: 30_000 });
    // Two header lines, then one line per image.
    return stdout.trim().split('\n').length - 2;
  });
}

export interface WordBox {
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Each word of one page (counted from 1) with its box as the page is shown, rotation applied (pdftotext -bbox). */
export function pdftotextWords(pdf: Uint8Array, page: number): Promise<WordBox[]> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-'], { timeout: 30_000 });
    const words = [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
    return words.map(([, xMin, yMin, xMax, yMax, word]) => ({ word: word!, xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax) }));
  });
}

/**
 * OpenSSL's verdict on a PDF's first signature as plain CMS: the bytes its /ByteRange covers checked against the
 * DER in /Contents (`openssl cms -verify -binary -noverify`: the signature and digest, not trust in the issuer).
 */
export function opensslVerifiesSignature(pdf: Buffer): Promise<string> {
  const text = pdf.toString('latin1');
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!range) throw new Error('no /ByteRange in the file');
  const [a, b, c, d] = range.slice(1).map(Number) as [number, number, number, number];
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  // /Contents is zero-padded: the DER's own length says where the signature ends.
  const padded = Buffer.from(text.slice(a + b + 1, c - 1), 'hex');
  const lengthBytes = padded[1]! & 0x80 ? padded[1]! & 0x7f : 0;
  const length = lengthBytes ? padded.subarray(2, 2 + lengthBytes).readUIntBE(0, lengthBytes) : padded[1]!;
  const der = padded.subarray(0, 2 + lengthBytes + length);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-cms-'));
  const dataFile = path.join(dir, 'signed.bin');
  const signatureFile = path.join(dir, 'signature.der');
  fs.writeFileSync(dataFile, signed);
  fs.writeFileSync(signatureFile, der);
  return run('openssl', ['cms', '-verify', '-inform', 'DER', '-in', signatureFile, '-content', dataFile, '-binary', '-noverify', '-out', '/dev/null'], { timeout: 30_000 })
    .then(({ stdout, stderr }) => stdout + stderr, (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`)
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}
