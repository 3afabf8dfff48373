// Builds the web pages into dist/web unless the build there already matches its inputs (sources, webpack config,
// icon, lockfile). `npm ci` builds them (the `prepare` script), so `npm start` and the browser tests usually
// only check a hash. A lock directory makes concurrent callers (parallel jest workers) wait for one build.
// Usage: node backend/web/build.mjs [--force]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, 'build-stamp.json');
const lockDir = path.join(root, 'dist/.web-build.lock');

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function inputsHash() {
  const files = [
    ...filesUnder(path.join(here, 'src')),
    path.join(here, 'webpack.config.js'),
    path.join(root, 'assets/icon.svg'),
    path.join(root, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** The stamp names the inputs' hash and every file the build wrote; all must still be there. */
function upToDate(hash) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return stamp.inputs === hash && stamp.files.every((file) => fs.existsSync(path.join(outDir, file)));
  } catch {
    return false;
  }
}

async function withLock(fn) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock older than two minutes belongs to a build that died; take it over.
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 120_000) fs.rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function runWebpack() {
  const require = createRequire(import.meta.url);
  const webpack = require('webpack');
  const config = require('./webpack.config.js');
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      const text = stats.toString({ preset: 'errors-warnings', colors: false }).trim();
      if (stats.hasErrors()) return reject(new Error(text));
      if (stats.hasWarnings()) process.stderr.write(`${text}\n`);
      resolve(Object.keys(stats.compilation.assets));
    });
  });
}

export async function buildWeb({ force = false } = {}) {
  const hash = inputsHash();
  if (!force && upToDate(hash)) return { built: false };
  return withLock(async () => {
    if (!force && upToDate(hash)) return { built: false }; // another process built it while we waited
    const started = Date.now();
    const files = await runWebpack();
    fs.writeFileSync(stampFile, `${JSON.stringify({ inputs: hash, builtAt: new Date().toISOString(), files }, null, 1)}\n`);
    return { built: true, ms: Date.now() - started };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Quiet when up to date, and on stderr otherwise: `npm run operator` shares stdout with this build.
  buildWeb({ force: process.argv.includes('--force') }).then(
    (result) => {
      if (result.built) process.stderr.write(`Web pages built in ${(result.ms / 1000).toFixed(1)} s.\n`);
    },
    (err) => {
      process.stderr.write(`Building the web pages failed:\n${err.message}\n`);
      process.exit(1);
    },
  );
}
