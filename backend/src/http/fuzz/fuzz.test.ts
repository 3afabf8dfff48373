/**
 * The property-based fuzz suite: every operation of /api/openapi.json, as every persona, with hostile values in every
 * parameter and body field, bodies sent with Content-Length and chunked. Whatever comes in, the server answers below
 * 500 within 2 s, keeps serving, changes nothing when it refuses, and logs no secret.
 *
 * A fixed seed and a few runs per route here; `npm run fuzz -- --runs N [--seed S] [--route "GET /api/v1/me"]` for
 * long runs (FUZZ_RUNS, FUZZ_SEED, FUZZ_ROUTE). A failure names the route, persona, request, answer and seed.
 */
import fc from 'fast-check';
import { buildOpenApi } from '../openapi';
import { apiRoutes } from '../../routes';
import { PERSONAS } from '../../testing/personas';
import { attack, report, startFuzzWorld, type FuzzWorld } from './fuzzWorld';
import { describeRequest, fuzzRequest, operationsOf } from './requests';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const ROUTE = process.env.FUZZ_ROUTE;
/** Long runs shrink a failure to its smallest form; the short run in `npm test` reports the first one as found. */
const LONG = process.env.FUZZ_RUNS !== undefined;

// The same description the server publishes; the first test proves it is what /api/openapi.json serves.
const openapi = buildOpenApi(apiRoutes, '') as Parameters<typeof operationsOf>[0];
const operations = operationsOf(openapi).filter((op) => !ROUTE || op.key === ROUTE || op.key === ROUTE.replace(/:(\w+)/g, '{$1}'));

let world: FuzzWorld;

/** Each route draws its own values from the one seed, so routes do not all try the same thing first. */
function routeSeed(route: string): number {
  let hash = SEED | 0;
  for (const char of route) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

beforeAll(async () => {
  world = await startFuzzWorld('Fuzz Clinic');
}, 120_000);
afterAll(async () => {
  await world.stop();
});

test('when the fuzz suite starts, then it covers every operation of the served /api/openapi.json', async () => {
  const served = (await world.t.api('GET', '/api/openapi.json')).body as Parameters<typeof operationsOf>[0];
  const keys = (doc: Parameters<typeof operationsOf>[0]) => operationsOf(doc).map((op) => op.key).sort();
  expect(keys(openapi)).toEqual(keys(served));
  if (!ROUTE) expect(operations).toHaveLength(apiRoutes.length);
});

describe.each(operations.map((op) => [op.key, op] as const))('%s', (route, op) => {
  test('when sent hostile input as any persona, then it answers below 500 in time, stays up, changes nothing when it refuses and logs no secret', async () => {
    const property = fc.asyncProperty(fc.constantFrom(...PERSONAS), fuzzRequest(op, world.pool), async (persona, req) => {
      const verdict = await attack(world, persona, req);
      if (verdict.violations.length) throw new Error(report(route, persona, req, verdict, SEED));
    });
    await fc.assert(property, {
      seed: routeSeed(route),
      numRuns: RUNS,
      endOnFailure: !LONG,
      // counterexamples hold megabyte strings: print their summary, not the bytes
      reporter: (details) => {
        if (!details.failed) return;
        const [persona, req] = details.counterexample ?? [];
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(
          `${error}\n  fast-check seed ${details.seed}, path ${details.counterexamplePath ?? ''}, after ${details.numRuns} runs` +
            (LONG && req ? `\n  shrunk to: ${String(persona)} ${describeRequest(req)}` : ''),
        );
      },
    });
  }, LONG ? 3_600_000 : 60_000);
});
