/**
 * The production build of the add-in: launchevent.js is one ES2016 script with no module loader, imports or dev
 * server code; the pages load Office.js from Microsoft's CDN; the deployment manifest is rebased and valid.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { parse, type Node } from 'acorn';
import { checkManifest } from '../manifest/checkManifest';
import { deploymentManifest } from '../manifest/deploymentManifest';
import { eventScriptProblems, withoutConditionals } from '../manifest/eventScript';
import { officeXsdDir, validateManifestSchema } from '../manifest/validateSchema';
import { ensureAddinBuild } from './hostSimulator/addinBuild';

const root = path.resolve(__dirname, '../..');
const dist = (file: string) => readFileSync(path.join(root, 'dist/addin', file), 'utf8');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

beforeAll(() => ensureAddinBuild(), 180_000);

/** Every node of an ESTree, depth first. */
function* walk(node: unknown): Generator<Node & Record<string, unknown>> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  const n = node as Node & Record<string, unknown>;
  if (typeof n.type === 'string') yield n;
  for (const [key, value] of Object.entries(n)) if (key !== 'type' && typeof value === 'object') yield* walk(value);
}

describe('launchevent.js', () => {
  const source = () => dist('launchevent.js');
  /** The same build with MSAL stubbed (addin/manifest/libraryStub.ts): the handler's own code alone. */
  const ownCode = () => readFileSync(path.join(root, 'dist/.handler-own-code/launchevent.js'), 'utf8');

  test('when parsed as an ES2016 classic script, then it parses: no import/export, no newer syntax', () => {
    expect(() => parse(source(), { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
  });

  test('when its syntax tree is searched, then nothing loads a module (require, import(), importScripts)', () => {
    const calls = [...walk(parse(source(), { ecmaVersion: 2016, sourceType: 'script' }))].filter((n) => n.type === 'CallExpression');
    const callee = (n: Record<string, unknown>) => (n.callee as { type: string; name?: string }) ?? {};
    expect(calls.filter((n) => callee(n).type === 'Identifier' && ['require', 'importScripts', 'define'].includes(callee(n).name!))).toEqual([]);
  });

  test('when its text is searched, then it has no dev-server, hot-reload, webpack loader or React code', () => {
    for (const marker of ['webpack-dev-server', 'webpackHotUpdate', 'module.hot', 'import.meta', '__webpack_require__', 'sockjs', 'fluentui']) {
      expect(source()).not.toContain(marker);
    }
    // MSAL's own messages name React (its msal-react wrapper): the handler's own code must not.
    expect(ownCode()).not.toContain('react');
  });

  test('when it names localStorage, then only behind a typeof guard (classic Windows has none; browser runtimes do)', () => {
    expect(source()).toContain('localStorage');
    expect(eventScriptProblems(source()).filter((p) => p.includes('localStorage'))).toEqual([]);
    // The same check refuses a bare use, and accepts one behind a guard in either form the build leaves.
    expect(eventScriptProblems('var s = localStorage.getItem("k");')).toEqual([expect.stringContaining('localStorage without a typeof guard')]);
    expect(eventScriptProblems('var s = (0,(("undefined"!=typeof localStorage)&&[localStorage]||[null])[0]);')).toEqual([]);
    expect(eventScriptProblems('var t = o.localStorage; var k = { localStorage: 1 };')).toEqual([]);
  });

  test('when the text of its own code is searched, then it calls no built-in newer than ES2016 (swc rewrites syntax, not library calls)', () => {
    // MSAL runs only where NestedAppAuth is supported (classic Windows from 2409, past the ES2016 limit of 2403).
    expect(ownCode()).toContain('onMessageSendHandler');
    const newer = ['Object.entries', 'Object.values', 'Object.fromEntries', 'padStart', 'padEnd', '.finally(', 'replaceAll', 'globalThis', 'structuredClone', 'TextEncoder', 'atob(', 'btoa('];
    expect(newer.filter((api) => ownCode().includes(api))).toEqual([]);
    // The real bundle does carry MSAL's (this is what the split check is for).
    expect(source()).toContain('NestedAppAuthRequest');
  });

  test('when loaded in a runtime with nothing newer than ES2016 and no NestedAppAuth, then it loads and associates its handlers', () => {
    const associated: string[] = [];
    const office = { actions: { associate: (name: string) => void associated.push(name) }, context: { requirements: { isSetSupported: () => false } } };
    // Only what an ES2016 engine and Office give: no window, TextEncoder, atob, globalThis, Object.entries…
    const context = vm.createContext({ Office: office, setTimeout, clearTimeout, console });
    vm.runInContext('delete Object.entries; delete Object.values; delete Object.fromEntries; delete String.prototype.padStart; delete Promise.prototype.finally;', context);
    vm.runInContext(source(), context, { timeout: 5000 });
    expect(associated).toEqual(expect.arrayContaining(['onMessageSendHandler', 'onMessageRecipientsChangedHandler']));
  });

  test('when checked against what classic Outlook on Windows loads, then it has no ternary, async or loader at all', () => {
    const conditionals = [...walk(parse(source(), { ecmaVersion: 2016, sourceType: 'script' }))].filter((n) => n.type === 'ConditionalExpression');
    expect(conditionals).toHaveLength(0);
    expect(eventScriptProblems(source(), { builtIns: [] })).toEqual([]);
    expect(eventScriptProblems(withoutConditionals(ownCode()))).toEqual([]);
  });

  test('when built, then it associates both manifest function names with Office', () => {
    expect(source()).toContain('onMessageSendHandler');
    expect(source()).toContain('onMessageRecipientsChangedHandler');
    expect(source()).toMatch(/\.actions\.associate\(/);
  });
});

describe('the build refuses what the JavaScript-only runtime would not load (addin/manifest/eventScript.ts)', () => {
  const conform = (script: string) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sealpost-event-')), 'launchevent.js');
    writeFileSync(file, script);
    const code = `import { conformEventScript } from './addin/build.mjs'; try { conformEventScript(${JSON.stringify(file)}, ${JSON.stringify(file)}); console.log(JSON.stringify({ ok: true })); } catch (e) { console.log(JSON.stringify({ error: e.message })); }`;
    const answer = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }));
    return { ...answer, script: readFileSync(file, 'utf8') };
  };

  test.each([
    ['async/await (times out)', 'async function f() { await 1; }'],
    ['optional chaining (ES2020)', 'var a = {}; a?.b;'],
    ['a module', 'export const a = 1;'],
    ['globalThis', 'globalThis.x = 1;'],
    ['a module loader', 'require("x");'],
  ])('when the script holds %s, then the build fails and names it', (_, script) => {
    expect(conform(script).error).toMatch(/would not run in classic Outlook on Windows/);
  });

  test('when the script holds ternaries, then the build rewrites them away and the file still parses as ES2016', () => {
    const answer = conform('var x = 1 ? 2 : 3; function f(a) { return a ? (a > 1 ? "big" : "one") : "none"; }');
    expect(answer).toMatchObject({ ok: true });
    expect(eventScriptProblems(answer.script)).toEqual([]);
  });

  test.each([
    ['a ? b : c', { a: 1, b: 'B', c: 'C' }, 'B'],
    ['a ? b : c', { a: 0, b: 'B', c: 'C' }, 'C'],
    // a falsy chosen value must not fall through to the other branch
    ['a ? b : c', { a: 1, b: 0, c: 'C' }, 0],
    ['a ? b : c', { a: 1, b: undefined, c: 'C' }, undefined],
    ['a || b ? c : d', { a: 0, b: 1, c: 'C', d: 'D' }, 'C'],
    ['a ? b ? 1 : 2 : c ? 3 : 4', { a: 1, b: 0, c: 1 }, 2],
    ['a ? (b, c) : d', { a: 1, b: 1, c: 'C', d: 'D' }, 'C'],
    ['x = a ? b : c', { a: 0, b: 1, c: 2, x: 9 }, 2],
    ['(a ? f : g)()', { a: 1, f: function (this: unknown) { return this === undefined; }, g: () => 'g' }, true],
  ])('when %s is rewritten (%j), then it evaluates to the same value', (expression, scope, expected) => {
    const rewritten = withoutConditionals(`"use strict"; result = ${expression};`);
    expect(rewritten).not.toMatch(/\?/);
    const context = vm.createContext({ ...scope, result: null });
    vm.runInContext(rewritten, context);
    expect(context.result).toBe(expected);
  });

  test('when a branch is not chosen, then it is never evaluated', () => {
    const context = vm.createContext({ calls: [] as string[], result: null });
    vm.runInContext(withoutConditionals('"use strict"; result = calls.push("t") ? calls.push("a") : calls.push("b");'), context);
    expect(context.calls).toEqual(['t', 'a']);
  });
});

describe('the pages', () => {
  test('when commands.html loads, then Office.js comes from the CDN first, then launchevent.js as a plain script', () => {
    const scripts = [...dist('commands.html').matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual([`src="${OFFICE_JS}"`, 'src="launchevent.js"']);
  });

  test.each(['taskpane.html', 'signin.html'])('when %s loads, then Office.js comes from the CDN before the deferred bundles', (page) => {
    const scripts = [...dist(page).matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts[0]).toBe(`src="${OFFICE_JS}"`);
    expect(scripts.slice(1).every((s) => /^defer src="assets\/[\w.-]+\.js"$/.test(s))).toBe(true);
  });
});

describe('the deployment manifest', () => {
  const source = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  const options = { commandIds: ['Sealpost.OpenTaskpane'] };

  test('when built without an https PUBLIC_URL, then dist/addin/manifest.xml keeps the development origin and passes the checks', () => {
    const built = dist('manifest.xml');
    expect(checkManifest(built, { ...options, origin: 'https://localhost:3000' })).toEqual([]);
  });

  test('when deployed to an https base with Block, then every URL moves, SendMode is Block, and the schema still accepts it', async () => {
    const xml = deploymentManifest(source, { baseUrl: 'https://mail.example.org/sealpost', sendMode: 'Block' });
    expect(xml).toContain('SendMode="Block"');
    expect(xml).not.toContain('localhost');
    expect(checkManifest(xml, { ...options, origin: 'https://mail.example.org' })).toEqual([]);
    const schema = await validateManifestSchema(xml, officeXsdDir(root));
    if (schema.status !== 'skipped') expect(schema.errors).toEqual([]);
  });

  test('when the manifest has no SendMode to switch, then deployment refuses rather than silently keeping SoftBlock', () => {
    expect(() => deploymentManifest(source.replace(' SendMode="SoftBlock"', ''), { baseUrl: null, sendMode: 'Block' })).toThrow(/exactly one SendMode/);
  });
});

describe('which deployment the build writes the manifest for (addin/build.mjs)', () => {
  const settingsFor = (env: Record<string, string>) => {
    const code = `import { deploymentSettings } from './addin/build.mjs'; try { console.log(JSON.stringify(deploymentSettings(${JSON.stringify(env)}))); } catch (e) { console.log(JSON.stringify({ error: e.message })); }`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }));
  };

  test('when PUBLIC_URL is https and nothing else is set, then the manifest goes there with SoftBlock', () => {
    expect(settingsFor({ PUBLIC_URL: 'https://sealpost.example.com' })).toEqual({ baseUrl: 'https://sealpost.example.com', sendMode: 'SoftBlock' });
  });

  test('when ADDIN_BASE_URL and ADDIN_SEND_MODE are set, then they win', () => {
    expect(settingsFor({ PUBLIC_URL: 'https://a.example', ADDIN_BASE_URL: 'https://b.example/mail', ADDIN_SEND_MODE: 'Block' })).toEqual({
      baseUrl: 'https://b.example/mail', sendMode: 'Block',
    });
  });

  test('when only an http address is known (embedded mode), then the development origin stays', () => {
    expect(settingsFor({ PUBLIC_URL: 'http://localhost:3000' })).toEqual({ baseUrl: null, sendMode: 'SoftBlock' });
  });

  test('when production names an http ADDIN_BASE_URL or the send mode is unknown, then the build refuses', () => {
    expect(settingsFor({ SEALPOST_MODE: 'production', ADDIN_BASE_URL: 'http://b.example' })).toEqual({ error: expect.stringMatching(/must be an https/) });
    expect(settingsFor({ ADDIN_SEND_MODE: 'Hard' })).toEqual({ error: expect.stringMatching(/SoftBlock or Block/) });
  });
});
