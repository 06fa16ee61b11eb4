import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createSqliteStorage } from '../src/storage/sqlite-storage.js';
import { migrate, SQLITE_MIGRATIONS } from '../src/storage/sqlite-migrations.js';
import { describeStorageContract } from './storage-contract.js';
import { tempDir } from './support/test-server.js';

describeStorageContract('SQLite (file)', async () => createSqliteStorage(join(await tempDir('fb-sqlite-'), 'nested', 'flowbridge.db')));
describeStorageContract('SQLite (memory)', () => createSqliteStorage(':memory:'));

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
});
