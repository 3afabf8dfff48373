/** Seeds many members at once for benchmarks (one statement per batch); kept here because only store/ writes SQL. */
import type { Store } from '..';

const FIRST = ['Ana', 'Ben', 'Cleo', 'Dana', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jia', 'Kai', 'Lena', 'Milo', 'Nia', 'Omar', 'Pia', 'Quin', 'Rosa', 'Sam', 'Tess'];
const LAST = ['Reyes', 'Okafor', 'Shah', 'Novak', 'Larsen', 'Kim', 'Moreau', 'Silva', 'Haddad', 'Ito', 'Nguyen', 'Weber', 'Costa', 'Dubois', 'Rossi', 'Kowalski', 'Tanaka', 'Murphy', 'Fischer', 'Alvarez'];

export async function seedMembers(store: Store, organizationId: string, count: number, batch = 10_000): Promise<void> {
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch) - 1;
    await store.db.query(
      `WITH a AS (
         INSERT INTO accounts (id, email, name, password_hash)
         SELECT gen_random_uuid(), 'member' || g || '@bench-members.example',
                ($3::text[])[1 + g % 20] || ' ' || ($4::text[])[1 + (g / 20) % 20] || ' ' || g, NULL
         FROM generate_series($1::int, $2::int) AS g RETURNING id)
       INSERT INTO memberships (organization_id, account_id, type, status)
       SELECT $5, id, 'guest', 'active' FROM a`,
      [from, to, FIRST, LAST, organizationId],
    );
  }
  // As autovacuum leaves a live database after a bulk load (up to a minute later): fresh statistics, or the planner
  // takes 100,000 rows for a few hundred, and a visibility map, or counts read every heap page instead of the index.
  await store.db.query('VACUUM (ANALYZE) accounts, memberships');
}
