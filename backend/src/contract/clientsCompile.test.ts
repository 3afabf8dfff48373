/**
 * The clients are typed by the contract, not by copies: with one answer field renamed in a copy of the contract
 * (and @contract/* pointed at that copy), the add-in, the admin page and the portal each stop compiling where they
 * read the field. Both client tsconfigs are checked at once, in parallel.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'sealpost-contract-'));
  cpSync(__dirname, path.join(copy, 'contract'), { recursive: true, filter: (file) => !file.endsWith('.test.ts') });
  // zod resolves from the copy as it does from the tree
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

/** Errors of `tsc -p` for a client tsconfig whose @contract/* is the copy. */
function typecheck(clientTsconfig: string): Promise<string> {
  const config = path.join(copy, `${path.basename(path.dirname(clientTsconfig))}.tsconfig.json`);
  writeFileSync(config, JSON.stringify({ extends: clientTsconfig, compilerOptions: { paths: { '@contract/*': [path.join(copy, 'contract/*')] } } }));
  return new Promise((resolve, reject) => {
    const tsc = spawn(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config, '--noEmit', '--pretty', 'false'], { cwd: root });
    let output = '';
    tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.on('error', reject);
    tsc.on('close', () => resolve(output));
  });
}

test('when an answer field is renamed in the contract, then the add-in, the admin page and the portal no longer compile', async () => {
  const me = path.join(copy, 'contract/me.ts');
  const before = readFileSync(me, 'utf8');
  const after = before.replace('account: z.object({ id: uuid, email: z.string(),', 'account: z.object({ id: uuid, emailAddress: z.string(),');
  expect(after).not.toBe(before);
  writeFileSync(me, after);

  const [addin, web] = await Promise.all([typecheck(path.join(root, 'addin/tsconfig.json')), typecheck(path.join(root, 'backend/web/tsconfig.json'))]);
  const broken = (output: string) => output.split('\n').filter((line) => /error TS\d+/.test(line) && line.includes("'email'")).map((line) => line.slice(0, line.indexOf('(')));

  expect(broken(addin).some((file) => file.startsWith('addin/src/'))).toBe(true);
  expect(broken(web).some((file) => file.startsWith('backend/web/src/admin/'))).toBe(true);
  expect(broken(web).some((file) => file.startsWith('backend/web/src/portal/'))).toBe(true);
}, 120_000);
