// `npm run dev:addin`: Sealpost on https://localhost:3000, the development origin of manifest.xml, so the add-in
// can be sideloaded in Outlook while its sources change.
//  - The backend (the embedded start of `npm start`, built by `npm run build` first) listens on 127.0.0.1:3001
//    (DEV_BACKEND_PORT) and is told that people reach it at https://localhost:3000.
//  - webpack-dev-server listens on https://localhost:3000 with the certificate of office-addin-dev-certs, rebuilds
//    the add-in on every change into dist/addin (written to disk, plus the manifest and icons), holds requests while
//    a build runs, and passes every request to the backend. So the pane, the event script and the API come from
//    one origin with the backend's real headers (CSP with nonce, CORS, well-known allow-list), exactly as deployed.
// office-addin-dev-certs makes a local CA and trusts it in the user's store the first time (it may ask for an
// administrator password); only this command calls it, never a test or a build.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { conformEventScript, deploymentSettings, handlerSize, report, stampFile, writeManifestAndIcons } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);

/** Where manifest.xml points before it is rebased (see deploymentSettings in build.mjs). */
const DEV_ORIGIN = 'https://localhost:3000';
const DEV_PORT = Number(new URL(DEV_ORIGIN).port);
const BACKEND_PORT = Number(process.env.DEV_BACKEND_PORT || 3001);
const BACKEND_URL = `http://127.0.0.1:${BACKEND_PORT}`;

const say = (line) => process.stderr.write(`[dev:addin] ${line}\n`);

/** The localhost certificate, trusted through the local CA; if trusting fails, the certificate alone, with a warning. */
async function devCertificates() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    const { localhostCertificatePath, localhostKeyPath } = require('office-addin-dev-certs/lib/defaults');
    if (!fs.existsSync(localhostCertificatePath) || !fs.existsSync(localhostKeyPath)) throw err;
    say(`the local CA could not be trusted (${String(err.message).split('\n')[0]}).`);
    say('Outlook will refuse the add-in until it is: run `npx office-addin-dev-certs install` as an administrator.');
    return { cert: fs.readFileSync(localhostCertificatePath), key: fs.readFileSync(localhostKeyPath) };
  }
}

function startBackend() {
  const main = path.join(root, 'dist/backend/main.js');
  if (!fs.existsSync(main)) throw new Error('dist/backend/main.js is missing: run `npm run build` first (npm run dev:addin does).');
  const env = { ...process.env, PORT: String(BACKEND_PORT), HOST: '127.0.0.1', PUBLIC_URL: DEV_ORIGIN, ADDIN_BASE_URL: DEV_ORIGIN, TRUST_PROXY: 'true' };
  return spawn(process.execPath, [main], { cwd: root, env, stdio: 'inherit' });
}

/** Resolves once the backend answers /health; rejects if it exits first or stays silent for a minute. */
async function backendReady(backend) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) throw new Error(`the backend exited (code ${backend.exitCode}) before it answered`);
    const ok = await fetch(`${BACKEND_URL}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the backend did not answer on ${BACKEND_URL}/health within a minute`);
}

/** After each build: the manifest and icons next to the bundles, and the handler's size. */
function afterEachBuild(compiler, settings) {
  compiler.hooks.done.tap('sealpost-dev-addin', (stats) => {
    if (stats.hasErrors()) return; // webpack-dev-server prints them
    writeManifestAndIcons(settings);
    // Like a release build, so that classic Outlook on Windows loads what development serves.
    try {
      conformEventScript();
    } catch (error) {
      process.stderr.write(`${error.message}\n`);
    }
    fs.rmSync(stampFile, { force: true }); // a dev build is not a release build: the next `npm run build` redoes it
    const ms = stats.stats.reduce((t, s) => Math.max(t, s.endTime - s.startTime), 0);
    process.stderr.write(report({ ms, handler: handlerSize() }, settings));
  });
}

function devServer(compiler, certificates) {
  const WebpackDevServer = require('webpack-dev-server');
  return new WebpackDevServer(
    {
      host: 'localhost',
      port: DEV_PORT,
      server: { type: 'https', options: certificates },
      // Nothing of the dev server may enter the bundles: launchevent.js stays one self-contained ES2016 script.
      // Reload the pane (or reopen the message) after a rebuild.
      hot: false,
      liveReload: false,
      client: false,
      webSocketServer: false,
      static: false,
      compress: false,
      // The in-memory copies are not what Outlook should load (the backend adds CSP and nonces): keep them aside.
      devMiddleware: { writeToDisk: true, publicPath: '/__webpack-dev/' },
      proxy: [
        {
          context: () => true,
          target: BACKEND_URL,
          xfwd: true,
          logLevel: 'warn',
          // HSTS from https://localhost would make browsers refuse http://localhost (npm start) for a year.
          onProxyRes: (proxyRes) => void delete proxyRes.headers['strict-transport-security'],
        },
      ],
      setupExitSignals: false,
      // Answer with the backend's headers only (it does not announce Express either).
      setupMiddlewares: (middlewares, server) => {
        server.app.disable('x-powered-by');
        return middlewares;
      },
    },
    compiler,
  );
}

async function main() {
  const settings = deploymentSettings({ ...process.env, PUBLIC_URL: DEV_ORIGIN, ADDIN_BASE_URL: DEV_ORIGIN });
  const certificates = await devCertificates();
  const backend = startBackend();
  let server = null;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await server?.stop().catch(() => undefined);
    if (backend.exitCode === null) {
      const exited = new Promise((resolve) => backend.once('exit', resolve));
      backend.kill('SIGTERM');
      await exited;
    }
    process.exit(code);
  };
  backend.once('exit', (code) => {
    if (!stopping) say(`the backend stopped (code ${code}).`);
    void stop(code || 1);
  });
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    await backendReady(backend);
    const webpack = require('webpack');
    const config = require('./webpack.config.js');
    // The check-only handler too: conformEventScript checks the built-ins of the handler's own code on it.
    const compiler = webpack([...config, config.handlerOwnCode]);
    afterEachBuild(compiler, settings);
    server = devServer(compiler, certificates);
    await server.start();
  } catch (err) {
    say(`could not start: ${err.message}`);
    return stop(1);
  }
  say(`Sealpost is at ${DEV_ORIGIN} (backend ${BACKEND_URL}); the add-in rebuilds on change.`);
  say(`Sideload ${path.relative(process.cwd(), path.join(root, 'dist/addin/manifest.xml'))} (or ${DEV_ORIGIN}/addin/manifest.xml). Ctrl+C stops.`);
}

main().catch((err) => {
  say(`could not start: ${err.message}`);
  process.exit(1);
});
