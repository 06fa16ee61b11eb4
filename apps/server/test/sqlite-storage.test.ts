import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CLAIM_QUERIES, createSqliteStorage } from '../src/storage/sqlite-storage.js';
import { migrate, SQLITE_MIGRATIONS } from '../src/storage/sqlite-migrations.js';
import { describeDispatcherContract } from './dispatcher-contract.js';
import { describeStorageContract } from './storage-contract.js';
import { tempDir } from './support/test-server.js';

describeStorageContract('SQLite (file)', async () => createSqliteStorage(join(await tempDir('fb-sqlite-'), 'nested', 'flowbridge.db')));
describeStorageContract('SQLite (memory)', () => createSqliteStorage(':memory:'));
describeDispatcherContract('SQLite (memory)', () => createSqliteStorage(':memory:'));

describe('SQLite inbox claim', () => {
  it('reads each kind of claimable entry from an index in claim order, never scanning or sorting the backlog', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ now: '2026-01-01T00:00:00.000Z', limit: 4 }) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    expect(plan(CLAIM_QUERIES.fresh)).toMatch(/^SEARCH inbox USING INDEX inbox_by_due \(status=\? AND next_attempt_at=\?\)$/);
    // Due retries are a range of the same index; only they are sorted.
    expect(plan(CLAIM_QUERIES.retry)).toMatch(/SEARCH inbox USING INDEX inbox_by_due \(status=\? AND next_attempt_at>\? AND next_attempt_at<\?\)/);
    expect(plan(CLAIM_QUERIES.expired)).toMatch(/^SEARCH inbox USING INDEX inbox_by_status \(status=\?\)$/);
    db.close();
  });
});

describe('SQLite migrations', () => {
  it('applies each migration once, records it, and uses WAL for a file database', async () => {
    const file = join(await tempDir('fb-sqlite-'), 'flowbridge.db');
    const storage = createSqliteStorage(file);
    await storage.runs.insert({ id: 'r', flow: 'A', status: 'running', trigger: 'manual', startedAt: 'now', logs: [], trace: [] });
    await storage.close();
    const reopened = createSqliteStorage(file);
    expect((await reopened.runs.get('r'))?.flow).toBe('A');
    await reopened.close();

    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>;
    expect(versions.map((v) => v.version)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuses a database from a newer server, naming what to do', async () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'future', 'now')").run();
    expect(() => migrate(db)).toThrow(/schema version 999.*FLOWBRIDGE_DATA_DIR/);
    db.close();
  });

  it('applies a later migration on top of an existing database', () => {
    const db = new Database(':memory:');
    migrate(db);
    const next = [...SQLITE_MIGRATIONS, { version: SQLITE_MIGRATIONS.length + 1, description: 'test column', sql: 'ALTER TABLE runs ADD COLUMN note TEXT' }];
    expect(migrate(db, next)).toEqual([SQLITE_MIGRATIONS.length + 1]);
    expect((db.prepare('PRAGMA table_info(runs)').all() as Array<{ name: string }>).map((c) => c.name)).toContain('note');
    db.close();
  });

  it("keeps the runs of a version-3 database and lets them be marked 'interrupted' after the rebuild", async () => {
    const dir = await tempDir();
    const file = join(dir, 'flowbridge.db');
    const old = new Database(file);
    migrate(old, SQLITE_MIGRATIONS.filter((m) => m.version <= 3));
    const insert = old.prepare("INSERT INTO runs (id, flow, status, trigger, started_at, ended_at, error, logs, trace, parameters) VALUES (?, 'ACT_Old', ?, 'manual', '2026-01-01T00:00:00.000Z', ?, NULL, '[]', '[]', '{\"n\":1}')");
    insert.run('done-before', 'succeeded', '2026-01-01T00:00:01.000Z');
    insert.run('cut-short', 'running', null);
    old.close();
    const storage = createSqliteStorage(file);
    try {
      expect(await storage.runs.get('done-before')).toMatchObject({ status: 'succeeded', flow: 'ACT_Old', parameters: { n: 1 } });
      expect(await storage.runs.markInterrupted('2026-01-02T00:00:00.000Z')).toBe(1);
      expect(await storage.runs.get('cut-short')).toMatchObject({ status: 'interrupted', error: { kind: 'Interrupted' } });
      expect((await storage.runs.list({ limit: 10, status: 'interrupted' })).runs.map((r) => r.id)).toEqual(['cut-short']);
    } finally {
      await storage.close();
    }
  });
});
