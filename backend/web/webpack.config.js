/**
 * Production build of the web pages: every backend/web/src/<page>/index.tsx becomes dist/web/<page>.html plus
 * content-hashed scripts under dist/web/assets/. The backend serves the HTML (adding a per-request CSP nonce)
 * and the assets at /web/. TypeScript is stripped by swc (type checking is `npm run typecheck`), and swc also
 * minifies: it is several times faster than terser, which keeps the build short enough for `npm start`.
 */
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
// webpack's own minimizer plugin, resolved through webpack so we use the copy it was tested with.
const MinimizerPlugin = require(require.resolve('minimizer-webpack-plugin', { paths: [path.dirname(require.resolve('webpack'))] }));

const root = path.resolve(__dirname, '../..');
const src = path.join(__dirname, 'src');
const outDir = path.join(root, 'dist/web');
/** Server modules the pages bundle too, so both sides make the same decision (where a redirect may go). */
const sharedWithServer = [path.join(__dirname, '../src/http/redirectTarget.ts')];
/** The API contract: the pages import its types and its fetch core through @contract/. */
const contract = path.join(__dirname, '../src/contract');

/** Page folders: any folder under src/ with an index.tsx (shared/ holds what pages have in common). */
const pages = fs
  .readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(src, d.name, 'index.tsx')))
  .map((d) => d.name);

const titles = { register: 'Join your secure portal' };

module.exports = {
  mode: 'production',
  context: root,
  entry: Object.fromEntries(pages.map((p) => [p, path.join(src, p, 'index.tsx')])),
  output: {
    path: outDir,
    publicPath: '/web/',
    filename: 'assets/[name].[contenthash:16].js',
    chunkFilename: 'assets/[name].[contenthash:16].js',
    assetModuleFilename: 'assets/[name].[contenthash:16][ext]',
    clean: true,
  },
  resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs'], alias: { '@contract': contract } },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        include: [src, contract, ...sharedWithServer],
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
              target: 'es2020',
            },
          },
        },
      },
      { test: /\.(svg|png|woff2)$/, type: 'asset/resource' },
    ],
  },
  optimization: {
    minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, minimizerOptions: { compress: { passes: 2 }, mangle: true } })],
    // React and Fluent go into chunks every page shares, so a second page costs only its own code.
    splitChunks: { chunks: 'all' },
    runtimeChunk: 'single',
  },
  performance: { hints: false },
  devtool: false,
  // Build output stays short: this runs inside `npm start` and `npm test`.
  stats: 'errors-warnings',
  plugins: pages.map(
    (p) =>
      new HtmlWebpackPlugin({
        filename: `${p}.html`,
        chunks: [p],
        template: path.join(src, 'page.html'),
        title: titles[p] ?? 'Sealpost',
        scriptLoading: 'defer',
        inject: 'head',
        minify: false,
      }),
  ),
};
