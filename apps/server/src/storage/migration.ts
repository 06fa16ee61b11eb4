/**
 * What a schema migration is and which of them a database still needs; each store applies them in
 * its own way (SQLite in one process, PostgreSQL under an advisory lock).
 */

/** One step of a store's schema, applied once in its own transaction. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** The DDL of the table that records applied migrations; `appliedAt` is the dialect's timestamp type. */
export const schemaMigrationsTable = (appliedAt: string): string =>
  `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at ${appliedAt} NOT NULL)`;

/**
 * The migrations a database with the `applied` versions still lacks, oldest first. Throws when the
 * database is newer than `migrations` know; `elsewhere` says where an older server should point instead.
 */
export function pendingMigrations(applied: ReadonlySet<number>, migrations: readonly Migration[], elsewhere: string): Migration[] {
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => v > newest);
  if (unknown.length > 0) {
    throw new Error(`The database has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}); run a newer Flowbridge or ${elsewhere}.`);
  }
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}
