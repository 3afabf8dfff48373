#!/usr/bin/env node
/**
 * Renders the Sealpost icon SVGs in assets/ to the PNG sizes the manifest uses (16, 32, 64, 80, 128 px)
 * with headless Chromium through playwright-core. Sizes below 32 px use the pixel-hinted small drawing,
 * because the detailed seal turns to mush at 16 px.
 *
 *   node scripts/draw-icons.mjs                 write assets/icon-<size>.png
 *   node scripts/draw-icons.mjs --preview x.png also write a zoomed contact sheet on light and dark backgrounds
 *
 * Chromium: CHROME_PATH, else /usr/bin/chromium (browser downloads do not work here).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assets = path.join(root, 'assets');
const SIZES = [16, 32, 64, 80, 128];
const sourceFor = (size) => (size < 32 ? 'icon-small.svg' : 'icon.svg');
const dataUrl = (file) => `data:image/svg+xml;base64,${readFileSync(path.join(assets, file)).toString('base64')}`;

const previewAt = process.argv.indexOf('--preview');
const previewFile = previewAt > 0 ? path.resolve(process.argv[previewAt + 1] ?? 'icons-preview.png') : undefined;

// A fresh profile per run, so nothing cached from an earlier render leaks in.
const profile = mkdtempSync(path.join(os.tmpdir(), 'sealpost-icons-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run',
  ],
  deviceScaleFactor: 1,
});
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<img id="icon" src="${dataUrl(sourceFor(size))}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.waitForFunction(() => document.getElementById('icon')?.complete);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(path.join(assets, `icon-${size}.png`), png);
    console.log(`assets/icon-${size}.png`);
  }
  if (previewFile) await writePreview(page, previewFile);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

/** A contact sheet of the rendered PNGs: actual size and 4x pixelated, on a light and a dark ribbon colour. */
async function writePreview(page, file) {
  const png = (size) => `data:image/png;base64,${readFileSync(path.join(assets, `icon-${size}.png`)).toString('base64')}`;
  const row = (bg) =>
    `<div style="background:${bg};padding:12px;display:flex;gap:16px;align-items:flex-end">` +
    SIZES.map((s) => `<img src="${png(s)}" width="${s}">`).join('') +
    SIZES.filter((s) => s <= 32).map((s) => `<img src="${png(s)}" width="${s * 4}" style="image-rendering:pixelated">`).join('') +
    `</div>`;
  await page.setViewportSize({ width: 760, height: 360 });
  await page.setContent(`<html><body style="margin:0">${row('#f3f2f1')}${row('#292827')}</body></html>`);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  writeFileSync(file, await page.screenshot({ fullPage: true }));
  console.log(`preview: ${file}`);
}
