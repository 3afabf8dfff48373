/**
 * npm run bench [-- <name>]: runs the benchmarks, writes bench/results/<name>.json and bench/results/SUMMARY.md.
 * Benchmarks report; they never fail the build. Each figure is paired with a baseline from the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundlesBenchmark } from './bundles';
import { classifyBenchmark } from './classify';
import { machine, RESULTS_DIR, writeResult, type Figure } from './lib';
import { membersBenchmark } from './members';
import { sendBenchmark } from './send';

const BENCHMARKS: Record<string, () => Promise<Figure[]>> = {
  classify: classifyBenchmark,
  send: sendBenchmark,
  members: membersBenchmark,
  bundles: bundlesBenchmark,
};

function summary(): string {
  const rows: string[] = [];
  for (const name of Object.keys(BENCHMARKS)) {
    const file = path.join(RESULTS_DIR, `${name}.json`);
    if (!fs.existsSync(file)) continue;
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as { figures: Figure[]; error?: string };
    if (result.error) rows.push(`| ${name} | failed: ${result.error} | | | | |`);
    for (const f of result.figures) {
      const met = f.met === null ? 'n/a here' : f.met ? 'met' : 'not met';
      rows.push(`| ${name} | ${f.figure} | ${f.value} | ${f.baseline ?? '—'} | ${f.ratio ?? '—'} | ${f.goal} (${met}) |`);
    }
  }
  const m = machine();
  return [
    '# Benchmark summary',
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, database ${m.database}. Run ${new Date().toISOString()}.`,
    '',
    '| benchmark | figure | value | baseline (same run) | ratio | goal |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !BENCHMARKS[only]) throw new Error(`No benchmark "${only}". Choose from: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (only && name !== only) continue;
    process.stdout.write(`bench ${name}… `);
    try {
      const figures = await run();
      writeResult(name, figures);
      process.stdout.write(`${figures.map((f) => `${f.figure}: ${f.value}`).join('; ')}\n`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify({ name, error: message, figures: [] }, null, 2)}\n`);
      process.stdout.write(`failed: ${message}\n`);
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
