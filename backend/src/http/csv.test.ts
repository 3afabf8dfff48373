/**
 * CSV exports hold no formula for any reader: Excel splits lines on its locale's list separator (comma, semicolon,
 * Arabic comma or semicolon), pasting splits on tabs and line breaks, and a cell that starts with = + - @ runs. So
 * whatever the separator, no piece of an exported line may start with one, even behind spaces or quotes.
 */
import { castOrganization, uniqueEmail, type Cast } from '../testing/members';
import { startTestServer, type TestServer } from '../testing/testServer';
import { csvCell } from './csv';

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Semicolon Accounting');
}, 120_000);
afterAll(async () => {
  await t.stop();
});

const SEPARATORS = [',', ';', '\t', '\u060C', '\u061B'];
const FORMULA = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Every piece that a reader splitting on `separator` could take for a cell and run as a formula. Quotes are ignored
 * on purpose: a reader whose separator is not ours does not see our quoting where we meant it.
 */
function formulaPieces(csv: string): string[] {
  const found: string[] = [];
  for (const line of csv.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    for (const separator of SEPARATORS) found.push(...line.split(separator).filter((piece) => FORMULA.test(piece)));
  }
  return found;
}

const HOSTILE_NAMES = [
  'Jo;=1+2',
  "Al;@SUM(1+9)*cmd|' /C calc'!A0",
  'Bo; -2+3',
  'Cy;"=HYPERLINK(""http://evil.example"")"',
  'Di,+1 555 0100',
  'Ed\u061B=1+2',
  'Fa\u060C@x',
  'Gu;\uFF1D1+2',
  'Hu\t=1',
  '=1+2;=3+4',
];

test.each(HOSTILE_NAMES.map((name) => [name]))('when a cell holds %j, then no reader finds a formula in it', (name) => {
  expect(formulaPieces(csvCell(name))).toEqual([]);
  expect(formulaPieces(`x,${csvCell(name)},y`)).toEqual([]);
});

test('when a cell holds text without a formula, then it is written as it is', () => {
  expect(csvCell('Jo; Smith, Jr.')).toBe('"Jo; Smith, Jr."');
  expect(csvCell('Jean-Luc')).toBe('Jean-Luc');
  expect(csvCell('a;b')).toBe('"a;b"');
});

test('when people are invited with names that hide formulas behind separators, then neither export holds a formula for any locale', async () => {
  for (const name of HOSTILE_NAMES) {
    const res = await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: uniqueEmail('csv'), name, type: 'guest' } });
    expect(res.status).toBe(201);
  }
  for (const path of ['/api/v1/members/export.csv?status=invited', '/api/v1/audit/export.csv']) {
    const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${cast.admin.accessToken}` } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    // The names are in the file (as text), so the check below looks at them.
    expect(csv).toContain("Jo;'=1+2");
    expect({ path, formulas: formulaPieces(csv) }).toEqual({ path, formulas: [] });
  }
});
