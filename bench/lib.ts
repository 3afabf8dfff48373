/**
 * Shared benchmark plumbing: a fresh Sealpost (PGlite, or BENCH_DATABASE_URL) on a temp data dir, load with
 * autocannon, a bare node:http baseline measured in the same run, and result files.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon = require('autocannon');
import pg from 'pg';
import { loadConfig } from '../backend/src/config';
import { start, type Running } from '../backend/src/main';

export interface Figure {
  name: string;
  figure: string;
  value: number;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  met: boolean | null;
  details?: Record<string, unknown>;
}

/** The repository root (this file runs from dist/bench/bench/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

export function machine(): Record<string, string | number> {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    database: process.env.BENCH_DATABASE_URL ? 'PostgreSQL server' : 'PGlite',
  };
}

/** Thrown by a benchmark that cannot run on this machine; the summary says why instead of a figure. */
export class Skipped extends Error {
  override readonly name = 'Skipped';
}

/**
 * A fresh Sealpost: its own data dir, and on a PostgreSQL server its own schema, dropped when it stops. `overrides`
 * are extra environment settings (a fixed PORT and PUBLIC_URL where pages must know their own address).
 */
export async function startSealpost(overrides: Record<string, string> = {}): Promise<Running & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-bench-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', TRUST_PROXY: 'true', ...overrides };
  const server = process.env.BENCH_DATABASE_URL;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  if (server) {
    await adminQuery(server, `CREATE SCHEMA ${schema}`);
    const url = new URL(server);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    env.DATABASE_POOL_SIZE = '20';
  }
  const running = await start(loadConfig(env));
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop();
      if (server) await adminQuery(server, `DROP SCHEMA ${schema} CASCADE`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A bare node:http server answering every request with `payload`: what the same machine does with no work. */
export async function bareServer(payload: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs a load; a run with more than 1% failed requests is not a figure worth reporting. */
export async function load(options: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon({ timeout: 30, ...options });
  if (result.non2xx + result.errors > result.requests.total / 100) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}

export async function json<T = any>(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `seconds`: how long the benchmark took, setup included. */
export function writeResult(name: string, figures: Figure[], seconds?: number): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const result = { name, at: new Date().toISOString(), machine: machine(), seconds, figures };
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The sample below which p% of samples fall (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A loopback port nobody listens on right now, for a server that must know its address before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
