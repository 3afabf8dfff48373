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
  /**
   * LISTENs on `channel` on a connection of its own. `onUp` runs once the LISTEN is in place (again after each
   * reconnect), `onDown` as soon as that connection is lost: notifications sent meanwhile are gone for good.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listening>;
}

export interface ListenHandlers {
  onNotify(payload: string): void;
  onUp(): void;
  onDown(): void;
}

export interface Listening {
  close(): Promise<void>;
}

/** How often the listener connection is checked, and how long its answer may take. */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

/** How long a lost listener connection waits before its next reconnect: doubling from 100 ms up to 5 s. */
function reconnectDelay(attempt: number): number {
  return Math.min(5_000, 100 * 2 ** attempt);
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
    async listen(channel, handlers) {
      // PGlite runs in this process: its one connection cannot be lost apart from the database itself.
      const unlisten = await lite.listen(channel, (payload) => handlers.onNotify(payload));
      handlers.onUp();
      return { close: () => unlisten() };
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
    listen: (channel, handlers) => listenOnServer({ connectionString: url, searchPath }, channel, handlers),
    async close() {
      await pool.end();
    },
  };
  return db;
}

/**
 * A LISTEN connection to a PostgreSQL server that comes back by itself. It is a plain session of its own, never a
 * pooled one: a transaction-mode pooler would hand the LISTEN to a connection the notifications never reach.
 */
async function listenOnServer(
  target: { connectionString: string; searchPath?: string },
  channel: string,
  handlers: ListenHandlers,
): Promise<Listening> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let attempt = 0;
  let started = false;
  let heartbeat: NodeJS.Timeout | null = null;

  const lost = (from: pg.Client) => {
    if (client !== from) return;
    client = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    from.removeAllListeners('notification');
    from.end().catch(() => undefined);
    handlers.onDown();
    if (!closed && started) retry = setTimeout(() => void connect().catch(() => undefined), reconnectDelay(attempt++));
  };

  const connect = async () => {
    retry = null;
    const next = new pg.Client({
      connectionString: target.connectionString,
      // the name lets an operator (and the test that cuts it) find this connection in pg_stat_activity
      application_name: `sealpost_listen_${target.searchPath ?? 'public'}`.slice(0, 63),
      keepAlive: true,
    });
    client = next;
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (err) {
      lost(next);
      throw err;
    }
    if (client !== next || closed) return;
    attempt = 0;
    // A connection dropped silently (a NAT or firewall forgetting it) raises no error: a round trip that does not
    // come back in time counts as a loss, so notices are not trusted for long over a dead line.
    heartbeat = setInterval(() => {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('listener heartbeat timed out')), HEARTBEAT_TIMEOUT_MS).unref());
      Promise.race([next.query('SELECT 1'), timeout]).catch(() => lost(next));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    handlers.onUp();
  };

  // the first connection must work, as the pool's must: a wrong URL stops the start instead of retrying forever
  await connect();
  started = true;
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      if (heartbeat) clearInterval(heartbeat);
      await current?.end().catch(() => undefined);
    },
  };
}
