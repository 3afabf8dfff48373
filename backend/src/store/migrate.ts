/**
 * Applies the versioned SQL files in store/migrations in order, once each, recording them in schema_migrations.
 * A lock keeps two instances starting together from applying the same file twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './db';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const LOCK_ID = 7_244_019; // arbitrary constant shared by every Sealpost instance

export function migrationFiles(): { version: string; sql: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8') }));
}

export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const file of migrationFiles()) {
      if (done.has(file.version)) continue;
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file.version]);
      applied.push(file.version);
    }
  });
  return applied;
}

/** True when every migration file has been applied: what /ready reports. */
export async function migrationsComplete(db: Database): Promise<boolean> {
  const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  return migrationFiles().every((f) => done.has(f.version));
}
