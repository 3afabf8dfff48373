/** bundles: gzip size of the add-in's event-handler script and the task pane's initial JavaScript. */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, round, type Figure } from './lib';

const DIST = path.join(ROOT, 'dist', 'addin');

function gzipKb(files: string[]): number {
  return round(files.reduce((sum, f) => sum + gzipSync(fs.readFileSync(f)).length, 0) / 1024);
}

/** Scripts the task pane page loads at start: the <script src> tags of taskpane.html that are ours. */
function taskpaneScripts(): string[] {
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  return [...html.matchAll(/<script[^>]+src="([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((src) => !/^https?:/.test(src))
    .map((src) => path.join(DIST, src.replace(/^.*\/addin\//, '').replace(/^\//, '')));
}

export async function bundlesBenchmark(): Promise<Figure[]> {
  if (!fs.existsSync(path.join(DIST, 'launchevent.js'))) throw new Error('dist/addin is missing: run npm run build first');
  const handler = gzipKb([path.join(DIST, 'launchevent.js')]);
  const pane = gzipKb(taskpaneScripts());
  return [
    { name: 'bundles', figure: 'event handler, gzip (KB)', value: handler, baseline: null, ratio: null, goal: '≤ 60 KB', met: handler <= 60 },
    { name: 'bundles', figure: 'task pane initial JS, gzip (KB)', value: pane, baseline: null, ratio: null, goal: '≤ 250 KB', met: pane <= 250 },
  ];
}
