/**
 * Stores for tests: in-memory PGlite always, and a throw-away schema on the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set (CI sets it), so the same suites prove both.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '..';

export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
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

/** Opens a migrated store; `close()` also drops the server schema it used. */
export async function openTestStore(kind: TestDatabaseKind = 'pglite'): Promise<Store> {
  const url = process.env.TEST_DATABASE_URL;
  if (kind === 'pglite' || !url) return openStore({});
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const store = await openStore({ databaseUrl: url, poolSize: 4, searchPath: schema });
  const close = store.close;
  return {
    ...store,
    async close() {
      await close();
      await adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
