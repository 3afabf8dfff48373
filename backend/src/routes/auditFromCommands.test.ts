/**
 * Routers write no audit records: an event belongs with the change it describes, in the command that makes it (and
 * in its transaction), so a router that records one itself has moved work out of commands/. Read from the sources,
 * since a router that records the right event in the wrong place behaves the same from outside.
 */
import fs from 'node:fs';
import path from 'node:path';

const routesDir = __dirname;

function routerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routerFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

test('when the routers are read, then none of them writes an audit record itself', () => {
  const files = routerFiles(routesDir);
  expect(files.length).toBeGreaterThan(10);
  const recording = files.filter((file) => /\baudit\s*\.\s*record\s*\(/.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(routesDir, file));
  expect(recording).toEqual([]);
});
