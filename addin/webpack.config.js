/**
 * Production build of the Outlook add-in into dist/addin, as two webpack configurations:
 *  - pages: taskpane.html and signin.html (React + Fluent UI v9; Office.js from Microsoft's CDN by a script tag),
 *    their content-hashed scripts under assets/, shared chunks for React and Fluent;
 *  - handler: launchevent.js, the ONE self-contained Smart Alerts script (ES2016, no imports, no chunks, no
 *    runtime loader, no React), and commands.html, the browser runtime's page that loads it.
 * Paths are relative, so the files work under any ADDIN_BASE_URL. addin/build.mjs runs this and then writes the
 * manifest, the icons and the handler's gzip size.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const webpack = require('webpack');
// webpack's own minimizer plugin, resolved through webpack so we use the copy it was tested with.
const MinimizerPlugin = require(require.resolve('minimizer-webpack-plugin', { paths: [path.dirname(require.resolve('webpack'))] }));

const root = path.resolve(__dirname, '..');
const src = path.join(__dirname, 'src');
const outDir = path.join(root, 'dist/addin');
/** The web pages' shared helpers (renderPage, theme, PasswordInput) are reused, not copied. */
const sharedWeb = path.join(root, 'backend/web/src/shared');
/** The API contract: types, the fetch core and the accent rule; only `import type` reaches its zod schemas. */
const contract = path.join(root, 'backend/src/contract');

const swcRule = (target) => ({
  test: /\.tsx?$/,
  include: [src, sharedWeb, contract],
  use: {
    loader: 'swc-loader',
    options: {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target,
        // Helpers are inlined into each module: the handler must not import @swc/helpers.
        externalHelpers: false,
      },
    },
  },
});

/**
 * MSAL (nested app authentication) ships ES2020 modules: the handler must get them as ES2016 like its own code, and
 * Microsoft's event-based NAA sample does the same for older classic Windows runtimes
 * (https://github.com/OfficeDev/Office-Add-in-samples/pull/873: "Configure webpack to target ES6").
 */
const msal = path.dirname(require.resolve('@azure/msal-browser/package.json'));
const msalCommon = path.dirname(require.resolve('@azure/msal-common/package.json', { paths: [msal] }));
const msalRule = (target) => ({
  test: /\.m?js$/,
  include: [msal, msalCommon, path.join(__dirname, 'manifest/msalNestedOnly.mjs')],
  use: { loader: 'swc-loader', options: { jsc: { parser: { syntax: 'ecmascript' }, target, externalHelpers: false } } },
});

const minimizer = (ecma) =>
  new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, minimizerOptions: { ecma, compress: { passes: 2, ecma }, mangle: true } });

/**
 * Sealpost's Entra app for nested app authentication, baked into both bundles from the server's own settings
 * (backend/src/sso/entraSettings.ts): ENTRA_CLIENT_ID, ENTRA_APP_ID_URI (default api://<add-in host>/<client id>, as
 * Microsoft's add-in registration guide has it) and ENTRA_SCOPE (default access_as_user). Null without a client id:
 * the add-in then signs in through its dialog only.
 */
function entraSettings(env = process.env) {
  const clientId = (env.ENTRA_CLIENT_ID || '').trim().toLowerCase();
  if (!clientId) return null;
  let appIdUri = (env.ENTRA_APP_ID_URI || '').trim();
  if (!appIdUri) {
    const base = env.ADDIN_BASE_URL || env.PUBLIC_URL || `http://localhost:${env.PORT || '3000'}`;
    appIdUri = `api://${new URL(base).host}/${clientId}`;
  }
  return { clientId, scope: `${appIdUri.replace(/\/+$/, '')}/${(env.ENTRA_SCOPE || 'access_as_user').trim()}` };
}

/** Where the add-in and API are deployed (https only, as addin/build.mjs decides), for a runtime with no location. */
function deployedBase(env = process.env) {
  const base = env.ADDIN_BASE_URL || env.PUBLIC_URL || '';
  return base.startsWith('https://') ? base.replace(/\/+$/, '') : null;
}

const defineEntra = () =>
  new webpack.DefinePlugin({ __SEALPOST_ENTRA__: JSON.stringify(entraSettings()), __SEALPOST_BASE_URL__: JSON.stringify(deployedBase()) });

/** The package's internals are reached by file, past its `exports` map (msalNestedOnly.mjs says why). */
const msalDist = (file) => path.join(msal, 'dist', file);

const common = {
  mode: 'production',
  context: root,
  resolve: {
    extensions: ['.tsx', '.ts', '.js', '.mjs'],
    alias: {
      '@contract': contract,
      '@azure/msal-browser$': path.join(__dirname, 'manifest/msalNestedOnly.mjs'),
      '@azure/msal-browser/dist/controllers/NestedAppAuthController.mjs$': msalDist('controllers/NestedAppAuthController.mjs'),
      '@azure/msal-browser/dist/operatingcontext/NestedAppOperatingContext.mjs$': msalDist('operatingcontext/NestedAppOperatingContext.mjs'),
    },
  },
  performance: { hints: false },
  devtool: false,
  stats: 'errors-warnings',
};

const pages = {
  ...common,
  name: 'pages',
  target: ['web', 'es2020'],
  entry: { taskpane: path.join(src, 'taskpane/index.tsx'), signin: path.join(src, 'signin/index.tsx') },
  output: {
    path: outDir,
    publicPath: '',
    filename: 'assets/[name].[contenthash:16].js',
    chunkFilename: 'assets/[name].[contenthash:16].js',
    assetModuleFilename: 'assets/[name].[contenthash:16][ext]',
  },
  module: { rules: [swcRule('es2020'), msalRule('es2020'), { test: /\.(svg|png)$/, type: 'asset/resource' }] },
  optimization: { minimizer: [minimizer(2020)], splitChunks: { chunks: 'all' }, runtimeChunk: 'single' },
  plugins: [
    defineEntra(),
    ...[
    ['taskpane', 'Send securely'],
    ['signin', 'Sign in'],
  ].map(
    ([page, title]) =>
      new HtmlWebpackPlugin({
        filename: `${page}.html`,
        chunks: [page],
        template: path.join(src, 'page.html'),
        title,
        scriptLoading: 'defer',
        inject: 'head',
        minify: false,
      }),
  ),
  ],
};

const handler = {
  ...common,
  name: 'handler',
  // ES2016 is what the JavaScript-only runtime of classic Outlook on Windows is documented to run.
  target: ['web', 'es2016'],
  entry: { launchevent: path.join(src, 'events/launchevent.ts') },
  output: { path: outDir, publicPath: '', filename: '[name].js', iife: true, chunkFormat: false, chunkLoading: false, wasmLoading: false },
  module: { rules: [swcRule('es2016'), msalRule('es2016')] },
  optimization: { minimizer: [minimizer(2016)], splitChunks: false, runtimeChunk: false, concatenateModules: true },
  plugins: [defineEntra(), new HtmlWebpackPlugin({ filename: 'commands.html', template: path.join(src, 'commands.html'), inject: false, minify: false })],
};

/**
 * The handler once more without MSAL (a stub in its place), written to dist/.handler-own-code and never deployed:
 * addin/build.mjs checks the built-ins of the handler's own code on it.
 */
const handlerOwnCode = {
  ...handler,
  name: 'handler-own-code',
  resolve: { ...common.resolve, alias: { ...common.resolve.alias, '@azure/msal-browser$': path.join(__dirname, 'manifest/libraryStub.ts') } },
  output: { ...handler.output, path: path.join(root, 'dist/.handler-own-code') },
  module: { rules: [{ ...swcRule('es2016'), include: [src, sharedWeb, contract, path.join(__dirname, 'manifest')] }] },
  plugins: [defineEntra()],
};

module.exports = [pages, handler];
module.exports.entraSettings = entraSettings;
module.exports.handlerOwnCode = handlerOwnCode;
