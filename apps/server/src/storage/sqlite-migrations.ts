/**
 * The SQLite schema, as an append-only list of migrations. Never edit a released migration: add a
 * new one with the next version. `schema_migrations` records which ones a database has.
 */
import type Database from 'better-sqlite3';
import { pendingMigrations, schemaMigrationsTable, type Migration } from './migration.js';

export type { Migration } from './migration.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, inbox, routing, registrations, key/value',
    sql: `
      CREATE TABLE runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        flow TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        trigger TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        event_id TEXT,
        error TEXT,
        result TEXT,
        logs TEXT NOT NULL,
        trace TEXT NOT NULL
      );
      CREATE INDEX runs_by_flow ON runs (flow, seq);
      CREATE INDEX runs_by_status ON runs (status, seq);
      CREATE INDEX runs_by_end ON runs (ended_at);
      CREATE INDEX runs_by_event ON runs (event_id);

      CREATE TABLE inbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        detail_type TEXT NOT NULL,
        source TEXT NOT NULL,
        event TEXT NOT NULL,
        request TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'routed', 'unrouted', 'done', 'dead')),
        received_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        flow TEXT,
        run_id TEXT,
        error TEXT
      );
      CREATE INDEX inbox_by_status ON inbox (status, seq);

      CREATE TABLE routing (
        event_type TEXT PRIMARY KEY,
        flow TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE registrations (
        key TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE key_values (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'inbox claims with leases (multi-instance dispatch)',
    sql: `
      ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
      ALTER TABLE inbox ADD COLUMN lease_until TEXT;
      CREATE INDEX inbox_by_due ON inbox (status, next_attempt_at, seq);
    `,
  },
  {
    version: 3,
    description: 'runs keep their parameters (re-run with the same inputs)',
    sql: `ALTER TABLE runs ADD COLUMN parameters TEXT;`,
  },
  {
    version: 4,
    description: "runs may be 'interrupted' (the server stopped during the run)",
    // SQLite cannot change a CHECK constraint in place: the table is rebuilt, rows and ids kept.
    sql: `
      CREATE TABLE runs_v4 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        flow TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        trigger TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        event_id TEXT,
        error TEXT,
        result TEXT,
        logs TEXT NOT NULL,
        trace TEXT NOT NULL,
        parameters TEXT
      );
      INSERT INTO runs_v4 (seq, id, flow, status, trigger, started_at, ended_at, event_id, error, result, logs, trace, parameters)
        SELECT seq, id, flow, status, trigger, started_at, ended_at, event_id, error, result, logs, trace, parameters FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v4 RENAME TO runs;
      CREATE INDEX runs_by_flow ON runs (flow, seq);
      CREATE INDEX runs_by_status ON runs (status, seq);
      CREATE INDEX runs_by_end ON runs (ended_at);
      CREATE INDEX runs_by_event ON runs (event_id);
    `,
  },
];

/** Applies every migration the database lacks, each in its own transaction; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): number[] {
  db.exec(schemaMigrationsTable('TEXT'));
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  const done: number[] = [];
  for (const migration of pendingMigrations(applied, migrations, 'use another FLOWBRIDGE_DATA_DIR')) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.description, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}
