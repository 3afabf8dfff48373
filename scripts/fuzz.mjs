// Long fuzz runs: npm run fuzz -- --runs N [--seed S] [--route "POST /api/v1/messages"]
// Runs the fuzz suite (backend/src/http/fuzz/fuzz.test.ts) with N runs per route; without --seed it picks one and
// prints it, so a failure can be replayed with the same --seed (and --route to try only that route).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '200' }, seed: { type: 'string' }, route: { type: 'string' } },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('Usage: npm run fuzz -- --runs N [--seed S] [--route "METHOD /path"] (N and S whole numbers)');
  process.exit(2);
}
console.log(`fuzz: ${runs} runs per route, seed ${seed}${values.route ? `, route ${values.route}` : ''}`);
const env = { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), ...(values.route ? { FUZZ_ROUTE: values.route } : {}) };
const jest = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--testTimeout=3600000', 'backend/src/http/fuzz/fuzz.test.ts'],
  { stdio: 'inherit', env },
);
if (jest.status !== 0) console.log(`fuzz: failed with seed ${seed}; replay with npm run fuzz -- --runs ${runs} --seed ${seed}`);
process.exit(jest.status ?? 1);
