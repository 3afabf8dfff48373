/**
 * A write the database refused because a unique index already holds its key, in the store's own terms: callers
 * catch `UniqueConflict` by the index it names and never see a PostgreSQL code (SQLSTATE 23505 stays in store/).
 */

/** Another row already holds this key; `index` says which unique rule it broke. */
export class UniqueConflict extends Error {
  constructor(readonly index: string) {
    super(`a row already holds this key (${index})`);
    this.name = 'UniqueConflict';
  }
}

/** pg and PGlite both report SQLSTATE in `code`; only pg names the constraint, so accept its absence. */
export function isUniqueViolation(err: unknown, index: string): boolean {
  const { code, constraint } = err as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || constraint === index);
}
