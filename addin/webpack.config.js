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

const minimizer = (ecma) =>
  new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, minimizerOptions: { ecma, compress: { passes: 2, ecma }, mangle: true } });

const common = {
  mode: 'production',
  context: root,
  resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs'], alias: { '@contract': contract } },
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
  module: { rules: [swcRule('es2020'), { test: /\.(svg|png)$/, type: 'asset/resource' }] },
  optimization: { minimizer: [minimizer(2020)], splitChunks: { chunks: 'all' }, runtimeChunk: 'single' },
  plugins: [
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
};

const handler = {
  ...common,
  name: 'handler',
  // ES2016 is what the JavaScript-only runtime of classic Outlook on Windows is documented to run.
  target: ['web', 'es2016'],
  entry: { launchevent: path.join(src, 'events/launchevent.ts') },
  output: { path: outDir, publicPath: '', filename: '[name].js', iife: true, chunkFormat: false, chunkLoading: false, wasmLoading: false },
  module: { rules: [swcRule('es2016')] },
  optimization: { minimizer: [minimizer(2016)], splitChunks: false, runtimeChunk: false, concatenateModules: true },
  plugins: [new HtmlWebpackPlugin({ filename: 'commands.html', template: path.join(src, 'commands.html'), inject: false, minify: false })],
};

module.exports = [pages, handler];
