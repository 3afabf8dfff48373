/**
 * npm run bench [-- <name>]: runs the benchmarks, writes bench/results/<name>.json and bench/results/SUMMARY.md.
 * Benchmarks report; they never fail the build. Each figure is paired with a baseline from the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundlesBenchmark } from './bundles';
import { classifyBenchmark } from './classify';
import { machine, RESULTS_DIR, Skipped, writeResult, type Figure } from './lib';
import { membersBenchmark } from './members';
import { onSendBenchmark } from './onSend';
import { sanitizeBenchmark } from './sanitize';
import { sendBenchmark } from './send';
import { uploadBenchmark } from './upload';

const BENCHMARKS: Record<string, () => Promise<Figure[]>> = {
  classify: classifyBenchmark,
  send: sendBenchmark,
  upload: uploadBenchmark,
  members: membersBenchmark,
  'on-send': onSendBenchmark,
  bundles: bundlesBenchmark,
  sanitize: sanitizeBenchmark,
};

/**
 * A result kept from an earlier run on another machine or database says which: the machine line above the table
 * speaks for this run only, and `npm run bench -- <name>` keeps the other benchmarks' last results.
 */
function elsewhere(result: { machine?: Record<string, string | number> }): string {
  const then = result.machine;
  if (!then) return '';
  const now = machine();
  const differs = (['cpu', 'cores', 'database'] as const).filter((key) => then[key] !== undefined && then[key] !== now[key]);
  return differs.length ? ` [${differs.map((key) => (key === 'cores' ? `${then[key]} cores` : then[key])).join(', ')}]` : '';
}

function summary(): string {
  const rows: string[] = [];
  for (const name of Object.keys(BENCHMARKS)) {
    const file = path.join(RESULTS_DIR, `${name}.json`);
    if (!fs.existsSync(file)) continue;
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as { figures: Figure[]; error?: string; skipped?: string; machine?: Record<string, string | number> };
    if (result.error) rows.push(`| ${name} | failed: ${result.error} | | | | |`);
    if (result.skipped) rows.push(`| ${name} | skipped: ${result.skipped} | | | | |`);
    for (const f of result.figures) {
      const met = f.met === null ? 'n/a here' : f.met ? 'met' : 'not met';
      const goal = f.goal ? `${f.goal} (${met})` : '—';
      rows.push(`| ${name} | ${f.figure}${elsewhere(result)} | ${f.value} | ${f.baseline ?? '—'} | ${f.ratio ?? '—'} | ${goal} |`);
    }
  }
  const m = machine();
  // Measured notes (before/after figures, load at the time) are kept by hand in NOTES.md and survive each rewrite.
  const notesFile = path.join(RESULTS_DIR, 'NOTES.md');
  const notes = fs.existsSync(notesFile) ? ['', fs.readFileSync(notesFile, 'utf8').trim(), ''] : [];
  return [
    '# Benchmark summary',
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, database ${m.database}. Run ${new Date().toISOString()}.`,
    '',
    '| benchmark | figure | value | baseline (same run) | ratio | goal |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...notes,
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !BENCHMARKS[only]) throw new Error(`No benchmark "${only}". Choose from: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (only && name !== only) continue;
    process.stdout.write(`bench ${name}… `);
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 1000);
    const took = () => `(${seconds()} s)`;
    try {
      const figures = await run();
      writeResult(name, figures, seconds());
      process.stdout.write(`${figures.map((f) => `${f.figure}: ${f.value}`).join('; ')} ${took()}\n`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const outcome = err instanceof Skipped ? { skipped: message } : { error: message };
      fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify({ name, ...outcome, figures: [] }, null, 2)}\n`);
      process.stdout.write(`${err instanceof Skipped ? 'skipped' : 'failed'}: ${message} ${took()}\n`);
    }
  }
  fs.writeFileSync(path.join(RESULTS_DIR, 'SUMMARY.md'), summary());
  process.stdout.write(`\nWrote ${path.join(RESULTS_DIR, 'SUMMARY.md')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
