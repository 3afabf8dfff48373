/**
 * The database connection behind the repositories: PGlite (embedded, in a directory or in memory)
 * or a PostgreSQL server through a pool. Both speak the same SQL; nothing outside store/ sees this.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  /**
   * `name` makes a hot, fixed statement a prepared one on a PostgreSQL server: each connection parses and plans it
   * once instead of on every request. Only for SQL whose text never varies and whose plan does not depend on values.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Called once per statement sent; tests count round trips with it. */
  onQuery?: (sql: string) => void;
}

// bigint and numeric come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPglite(dataDir?: string): Promise<Database> {
  const lite = await PGlite.create(dataDir ? { dataDir } : {});
  const db: Database = {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      db.onQuery?.(sql);
      const result = await lite.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      db.onQuery?.(sql);
      await lite.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return lite.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            db.onQuery?.(sql);
            return (await tx.query<R>(sql, params as unknown[])).rows;
          },
          async exec(sql: string) {
            db.onQuery?.(sql);
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      await lite.close();
    },
  };
  return db;
}

export async function openPostgres(url: string, poolSize: number, searchPath?: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db: Database = {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[], name?: string) {
      db.onQuery?.(sql);
      const result = await (name ? pool.query({ name, text: sql, values: params }) : pool.query(sql, params));
      return result.rows as T[];
    },
    async exec(sql: string) {
      db.onQuery?.(sql);
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn({
          async query<R>(sql: string, params?: unknown[], name?: string) {
            db.onQuery?.(sql);
            return (await (name ? client.query({ name, text: sql, values: params }) : client.query(sql, params))).rows as R[];
          },
          async exec(sql: string) {
            db.onQuery?.(sql);
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  return db;
}
