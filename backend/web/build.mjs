// Builds the web pages into dist/web unless the build there already matches its inputs (sources, webpack config,
// icon, lockfile). `npm ci` builds them (the `prepare` script), so `npm start` and the browser tests usually
// only check a hash. A lock directory makes concurrent callers (parallel jest workers) wait for one build.
// Usage: node backend/web/build.mjs [--force]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { filesUnder, hashInputs, upToDate, withLock } from '../../scripts/buildCache.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, 'build-stamp.json');
const lockDir = path.join(root, 'dist/.web-build.lock');

function inputsHash() {
  const files = [
    // the browser suites beside the pages are not bundled, so editing them does not call for a build
    ...filesUnder(path.join(here, 'src')).filter((file) => !file.endsWith('.test.ts')),
    // bundled from the server's code (see sharedWithServer in webpack.config.js)
    path.join(here, '../src/http/redirectTarget.ts'),
    // the API contract's fetch core (see contract in webpack.config.js)
    ...filesUnder(path.join(here, '../src/contract')).filter((f) => !f.endsWith('.test.ts')),
    path.join(here, 'webpack.config.js'),
    path.join(root, 'assets/icon.svg'),
    path.join(root, 'package-lock.json'),
  ];
  return hashInputs(root, files);
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
  if (!force && upToDate(stampFile, outDir, hash)) return { built: false };
  return withLock(lockDir, async () => {
    if (!force && upToDate(stampFile, outDir, hash)) return { built: false }; // another process built it while we waited
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
