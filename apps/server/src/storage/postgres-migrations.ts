/**
 * The PostgreSQL schema, as an append-only list of migrations (the same story as
 * `sqlite-migrations.ts`). Never edit a released migration: add a new one with the next version.
 * `schema_migrations` records which ones a database has.
 */
import type { PoolClient } from 'pg';
import { pendingMigrations, schemaMigrationsTable, type Migration } from './migration.js';

export type { Migration } from './migration.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, inbox with claims, routing, registrations, key/value',
    // JSON documents are `json` (not `jsonb`): stored as sent, key order kept, and `\u0000` in an
    // event from the wire does not make the insert fail (jsonb refuses it).
    sql: `
      CREATE TABLE runs (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        flow TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        trigger TEXT NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        ended_at TIMESTAMPTZ,
        event_id TEXT,
        error JSON,
        result JSON,
        logs JSON NOT NULL,
        trace JSON NOT NULL
      );
      CREATE INDEX runs_by_flow ON runs (flow, seq);
      CREATE INDEX runs_by_status ON runs (status, seq);
      CREATE INDEX runs_by_end ON runs (ended_at);
      CREATE INDEX runs_by_event ON runs (event_id);

      CREATE TABLE inbox (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        detail_type TEXT NOT NULL,
        source TEXT NOT NULL,
        event JSON NOT NULL,
        request JSON,
        status TEXT NOT NULL CHECK (status IN ('pending', 'routed', 'unrouted', 'done', 'dead')),
        received_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TIMESTAMPTZ,
        flow TEXT,
        run_id TEXT,
        error TEXT,
        claimed_by TEXT,
        lease_until TIMESTAMPTZ
      );
      -- The dispatcher's claim walks pending entries oldest first (this index) and expired leases (the next).
      CREATE INDEX inbox_by_status ON inbox (status, seq);
      CREATE INDEX inbox_leased ON inbox (lease_until) WHERE status = 'routed';

      CREATE TABLE routing (
        event_type TEXT PRIMARY KEY,
        flow TEXT NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE registrations (
        key TEXT PRIMARY KEY,
        record JSON NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE key_values (
        key TEXT PRIMARY KEY,
        value JSON NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'runs keep their parameters (re-run with the same inputs)',
    sql: 'ALTER TABLE runs ADD COLUMN parameters JSON;',
  },
  {
    version: 3,
    description: "runs may be 'interrupted' (the server stopped during the run)",
    sql: `
      ALTER TABLE runs DROP CONSTRAINT runs_status_check;
      ALTER TABLE runs ADD CONSTRAINT runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted'));
    `,
  },
  {
    version: 4,
    description: 'inbox claims served in claim order by partial indexes (cost independent of backlog and history)',
    // Small indexes holding exactly the claimable rows: the planner otherwise walked the primary
    // key in seq order through every done entry of the inbox's history on each claim.
    sql: `
      CREATE INDEX inbox_fresh ON inbox (seq) WHERE status = 'pending' AND next_attempt_at IS NULL;
      CREATE INDEX inbox_retry_due ON inbox (next_attempt_at) WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
    `,
  },
];

/** Any constant shared by every Flowbridge instance: serialises migrations of instances starting together. */
const MIGRATION_LOCK = 0x466c6f77; // "Flow"

/**
 * Creates `schema` when given and absent, then applies every migration it lacks, each in its own
 * transaction, all under an advisory lock so that instances starting at the same moment create and
 * migrate once; returns the versions applied. `schema` must already be a checked identifier.
 */
export async function migratePostgres(client: PoolClient, migrations: readonly Migration[] = POSTGRES_MIGRATIONS, schema?: string): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    // Under the lock: two instances running CREATE SCHEMA IF NOT EXISTS at once can still collide.
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(schemaMigrationsTable('TIMESTAMPTZ'));
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const done: number[] = [];
    for (const migration of pendingMigrations(applied, migrations, 'point DATABASE_URL at another database or schema')) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, now())', [migration.version, migration.description]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done.push(migration.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
