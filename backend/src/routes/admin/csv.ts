/**
 * CSV for spreadsheets (RFC 4180): cells with commas, quotes or line breaks are quoted with quotes doubled, and a
 * cell that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe, so an exported name like `=HYPERLINK(…)` stays text. Rows stream out with backpressure respected.
 */
import type { Response } from 'express';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Starts a CSV download: UTF-8 with a byte-order mark, which Excel needs to read accents right. */
export function startCsv(res: Response, fileName: string, header: string[]): void {
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(`\uFEFF${csvRow(header)}`);
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full; false when the client went away. */
export async function writeCsv(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
