/**
 * The contract's error codes are exactly the ones the backend sends: AppError takes only listed codes (a compile
 * error otherwise), and this test finds each listed code written in the server's source, so none is listed that
 * no answer carries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { errorCodes } from './errors';

const serverRoot = path.join(__dirname, '..');

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'contract' || entry.name === 'testing' ? [] : serverSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const source = serverSources(serverRoot).map((file) => readFileSync(file, 'utf8')).join('\n');

test('when the code list is read, then no code is listed twice', () => {
  expect(new Set(errorCodes).size).toBe(errorCodes.length);
});

test.each([...errorCodes])('when the server source is searched, then it sends %s', (code) => {
  expect(source).toContain(`'${code}'`);
});
