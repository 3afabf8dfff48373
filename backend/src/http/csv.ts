/**
 * CSV for spreadsheets (RFC 4180): cells with separators, quotes or line breaks are quoted with quotes doubled.
 * Rows stream out with backpressure respected.
 *
 * No exported text may run as a formula, whatever the reader's locale: Excel splits a line on the locale's list
 * separator (a comma, a semicolon, or the Arabic comma or semicolon), and pasted text splits on tabs and line breaks,
 * so a name like `Jo;=1+2` holds a second cell for some readers. Every piece that could start a cell and begins with
 * = + - @ (or their full-width forms), even behind spaces or quotes, gets a leading apostrophe, which spreadsheets
 * read as "this is text"; so does a cell that starts with a tab or carriage return.
 */
import type { Response } from 'express';

// A formula starts with = + - @ or their full-width forms; a piece may start a cell after a list separator of some
// locale (comma, semicolon, Arabic comma and semicolon), a tab or a line break.
const FORMULA_AT_START = /^(?:[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n\u060C\u061B])(?=[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
const NEEDS_QUOTES = /[",;\t\r\n\u060C\u061B]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string') {
    text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
    if (FORMULA_AT_START.test(text)) text = `'${text}`;
  }
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
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
