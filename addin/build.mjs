// Builds the Outlook add-in into dist/addin unless the build there already matches its inputs (sources, webpack
// config, manifest, icons, lockfile, and the ADDIN_BASE_URL / PUBLIC_URL / ADDIN_SEND_MODE it was built for).
// After webpack it writes manifest.xml for the deployment, copies the icons, makes launchevent.js what classic Outlook
// on Windows loads (and refuses to finish when it is not), and reports its gzip size.
// Usage: node addin/build.mjs [--force]. `npm run dev:addin` (addin/dev.mjs) rebuilds on change behind HTTPS.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { filesUnder, hashInputs, upToDate, withLock } from '../scripts/buildCache.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(root, 'dist/addin');
export const stampFile = path.join(outDir, 'build-stamp.json');
const lockDir = path.join(root, 'dist/.addin-build.lock');
const ownCodeDir = path.join(root, 'dist/.handler-own-code');
const require = createRequire(import.meta.url);
const ICON_SIZES = [16, 32, 64, 80, 128];

/** The deployment the manifest is written for, from the same variables (and defaults) as backend/src/config.ts. */
export function deploymentSettings(env = process.env) {
  const sendMode = env.ADDIN_SEND_MODE || 'SoftBlock';
  // Nested app authentication's Entra app is baked into the bundles, so a change of it must rebuild them.
  const entra = require('./webpack.config.js').entraSettings(env);
  if (!['SoftBlock', 'Block'].includes(sendMode)) throw new Error(`ADDIN_SEND_MODE must be SoftBlock or Block (got "${sendMode}")`);
  const explicit = env.ADDIN_BASE_URL || '';
  const base = explicit || env.PUBLIC_URL || '';
  if (base.startsWith('https://')) return { baseUrl: base, sendMode, ...(entra ? { entra } : {}) };
  // Outlook loads add-ins only over https: an explicit http base in production is a mistake; in development the
  // manifest keeps https://localhost:3000, which a local TLS proxy serves (see README, "Outlook add-in").
  if (explicit && env.SEALPOST_MODE === 'production') throw new Error(`ADDIN_BASE_URL must be an https:// URL (got "${explicit}")`);
  return { baseUrl: null, sendMode, ...(entra ? { entra } : {}) };
}

function inputsHash(settings) {
  const files = [
    ...filesUnder(path.join(here, 'src')).filter((f) => !/\.test\.tsx?$/.test(f) && !f.includes(`${path.sep}testing${path.sep}`)),
    ...filesUnder(path.join(here, 'manifest')).filter((f) => !f.endsWith('.test.ts')),
    ...filesUnder(path.join(root, 'backend/web/src/shared')),
    // the API contract: its fetch core and accent rule are bundled, its types checked
    ...filesUnder(path.join(root, 'backend/src/contract')).filter((f) => !f.endsWith('.test.ts')),
    path.join(here, 'webpack.config.js'),
    path.join(here, 'build.mjs'),
    path.join(root, 'manifest.xml'),
    path.join(root, 'package-lock.json'),
    ...ICON_SIZES.map((s) => path.join(root, `assets/icon-${s}.png`)),
  ];
  return hashInputs(root, files, JSON.stringify(settings));
}

/** Loads a TypeScript module of addin/manifest (and its relative imports) through swc, without a build step. */
function loadTs(file, cache = new Map()) {
  if (cache.has(file)) return cache.get(file).exports;
  const { transformFileSync } = require('@swc/core');
  const { code } = transformFileSync(file, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: false });
  const module = { exports: {} };
  cache.set(file, module);
  const load = (spec) => (spec.startsWith('.') ? loadTs(`${path.resolve(path.dirname(file), spec)}.ts`, cache) : require(spec));
  new Function('module', 'exports', 'require', code)(module, module.exports, load);
  return module.exports;
}

/** manifest.xml for the deployment (checked like the source manifest) and the icons it names. */
export function writeManifestAndIcons(settings) {
  const { deploymentManifest } = loadTs(path.join(here, 'manifest/deploymentManifest.ts'));
  const { checkManifest } = loadTs(path.join(here, 'manifest/checkManifest.ts'));
  const xml = deploymentManifest(fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8'), settings);
  const origin = settings.baseUrl ? new URL(settings.baseUrl).origin : 'https://localhost:3000';
  const problems = checkManifest(xml, { commandIds: ['Sealpost.OpenTaskpane'], origin });
  if (problems.length) throw new Error(`the deployment manifest has problems:\n${problems.map((p) => `- ${p.check}: ${p.message}`).join('\n')}`);
  fs.writeFileSync(path.join(outDir, 'manifest.xml'), xml);
  fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) fs.copyFileSync(path.join(root, `assets/icon-${size}.png`), path.join(outDir, `icons/icon-${size}.png`));
  return ['manifest.xml', ...ICON_SIZES.map((s) => `icons/icon-${s}.png`)];
}

/**
 * launchevent.js as classic Outlook on Windows accepts it (addin/manifest/eventScript.ts cites the rules): the
 * minifier's ternaries rewritten, then checked; a script the runtime would refuse fails the build.
 */
export function conformEventScript(file = path.join(outDir, 'launchevent.js'), ownCodeFile = path.join(ownCodeDir, 'launchevent.js')) {
  const { eventScriptProblems, withoutConditionals, NEWER_BUILT_INS } = loadTs(path.join(here, 'manifest/eventScript.ts'));
  const rewritten = withoutConditionals(fs.readFileSync(file, 'utf8'));
  // MSAL's built-ins run only where NestedAppAuth is supported (libraryStub.ts says why): the whole bundle is held to
  // the syntax rules, the handler's own code (the same build with MSAL stubbed) to the built-in rules as well.
  const problems = [
    ...eventScriptProblems(rewritten, { builtIns: [] }),
    ...eventScriptProblems(withoutConditionals(fs.readFileSync(ownCodeFile, 'utf8'))).filter((p) => NEWER_BUILT_INS.some((b) => p === `uses ${b}`)),
  ];
  if (problems.length) throw new Error(`launchevent.js would not run in classic Outlook on Windows:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  fs.writeFileSync(file, rewritten);
}

export function handlerSize() {
  const bytes = fs.readFileSync(path.join(outDir, 'launchevent.js'));
  return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

export function report(result, settings) {
  const where = settings.baseUrl ?? 'https://localhost:3000 (development origin)';
  return `Add-in built in ${(result.ms / 1000).toFixed(1)} s: launchevent.js ${kb(result.handler.bytes)}, ${kb(result.handler.gzip)} gzipped; manifest for ${where}, SendMode ${settings.sendMode}.\n`;
}

function compile(config) {
  const webpack = require('webpack');
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      const text = stats.toString({ preset: 'errors-warnings', colors: false }).trim();
      if (stats.hasErrors()) return reject(new Error(text));
      if (stats.hasWarnings()) process.stderr.write(`${text}\n`);
      resolve(stats.stats.flatMap((s) => Object.keys(s.compilation.assets)));
    });
  });
}

export async function buildAddin({ force = false, env = process.env } = {}) {
  const settings = deploymentSettings(env);
  const hash = inputsHash(settings);
  if (!force && upToDate(stampFile, outDir, hash)) return { built: false, ...JSON.parse(fs.readFileSync(stampFile, 'utf8')) };
  return withLock(lockDir, async () => {
    if (!force && upToDate(stampFile, outDir, hash)) return { built: false, ...JSON.parse(fs.readFileSync(stampFile, 'utf8')) };
    const started = Date.now();
    fs.rmSync(outDir, { recursive: true, force: true });
    const config = require('./webpack.config.js');
    // The check-only handler writes outside dist/addin; its file names repeat the real handler's.
    const files = [...new Set(await compile([...config, config.handlerOwnCode])), ...writeManifestAndIcons(settings)];
    conformEventScript();
    const handler = handlerSize();
    const stamp = { inputs: hash, builtAt: new Date().toISOString(), settings, handler, files };
    fs.writeFileSync(stampFile, `${JSON.stringify(stamp, null, 1)}\n`);
    return { built: true, ms: Date.now() - started, ...stamp };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAddin({ force: process.argv.includes('--force') }).then(
    (result) => {
      if (result.built) process.stderr.write(report(result, result.settings));
    },
    (err) => {
      process.stderr.write(`Building the add-in failed:\n${err.message}\n`);
      process.exit(1);
    },
  );
}
