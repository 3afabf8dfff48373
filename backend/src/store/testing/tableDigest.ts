/**
 * A fingerprint of every table's rows, so a test can prove that a refused request changed nothing: take one before
 * and one after and compare. Kept here because only store/ writes SQL.
 */
import type { Store } from '..';

/**
 * What a refused request may legitimately write: throttling counters (rate_limits, and sign_in_throttles where the
 * per account-and-address sign-in throttle exists), the session's last-seen time, and the audit
 * record of a refused access to a message (with the organization's audit chain head it moves), and the linking of
 * events already committed (their seq and hashes, given by the audit linker). Everything else must
 * stay as it was; any other audit event still shows in audit_events.
 */
const BOOKKEEPING_TABLES = ['rate_limits', 'sign_in_throttles'];
const BOOKKEEPING_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'], organizations: ['audit_seq', 'audit_head'],
  audit_events: ['seq', 'prev_hash', 'hash'] };
const BOOKKEEPING_ROWS: Record<string, string> = { audit_events: "action <> 'message.access_refused'" };

/** Table name → md5 of its rows (as JSON, sorted), bookkeeping left out. */
export type TableDigest = Record<string, string>;

async function tableNames(store: Store): Promise<string[]> {
  const rows = await store.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name).filter((name) => !BOOKKEEPING_TABLES.includes(name));
}

let cachedSql: { store: Store; sql: string } | null = null;

async function digestSql(store: Store): Promise<string> {
  if (cachedSql?.store === store) return cachedSql.sql;
  const parts = (await tableNames(store)).map((table) => {
    const dropped = BOOKKEEPING_COLUMNS[table]?.map((c) => ` - '${c}'`).join('') ?? '';
    const where = BOOKKEEPING_ROWS[table] ? `WHERE ${BOOKKEEPING_ROWS[table]}` : '';
    return `SELECT '${table}' AS name, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS digest
            FROM (SELECT (to_jsonb(x)${dropped})::text AS r FROM "${table}" x ${where}) rows`;
  });
  cachedSql = { store, sql: parts.join('\nUNION ALL\n') };
  return cachedSql.sql;
}

export async function digestTables(store: Store): Promise<TableDigest> {
  const rows = await store.db.query<{ name: string; digest: string }>(await digestSql(store));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: TableDigest, after: TableDigest): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
