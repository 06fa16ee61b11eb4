import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/test-server.js';
import { createSqliteStorage } from './sqlite-storage.js';
import { SqliteWriteBatch } from './sqlite-write-batch.js';

function table() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
  const ids = () => (db.prepare('SELECT id FROM t ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  return { db, ids, insert: (id: string) => () => db.prepare('INSERT INTO t (id) VALUES (?)').run(id).changes };
}

describe('SqliteWriteBatch', () => {
  it('commits the writes requested in one turn of the event loop in one transaction', async () => {
    const { db, ids, insert } = table();
    const batch = new SqliteWriteBatch(db);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => batch.run(insert(id))));
    expect(results).toEqual([1, 1, 1, 1]);
    expect(batch.batchSizes).toEqual([4]);
    expect(ids()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not settle a write before its transaction has committed', async () => {
    const { db, ids, insert } = table();
    const batch = new SqliteWriteBatch(db);
    const pending = batch.run(insert('late'));
    expect(ids()).toEqual([]);
    await pending;
    expect(ids()).toEqual(['late']);
  });

  it('rejects a failing write alone and still commits the rest of its batch', async () => {
    const { db, ids, insert } = table();
    db.exec("INSERT INTO t (id) VALUES ('taken')");
    const batch = new SqliteWriteBatch(db);
    const outcomes = await Promise.allSettled([batch.run(insert('x')), batch.run(insert('taken')), batch.run(insert('y'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(ids()).toEqual(['taken', 'x', 'y']);
  });

  it('rolls back every statement of a failing write, keeping the other writes of its batch and their results', async () => {
    const { db, ids, insert } = table();
    db.exec("INSERT INTO t (id) VALUES ('taken')");
    const batch = new SqliteWriteBatch(db);
    const halfDone = () => {
      insert('half')();
      return insert('taken')();
    };
    const calls: string[] = [];
    const counted = (id: string) => () => (calls.push(id), insert(id)());
    const outcomes = await Promise.allSettled([batch.run(counted('p')), batch.run(halfDone), batch.run(counted('q'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(ids()).toEqual(['p', 'q', 'taken']);
    // The batch ran as one transaction first, then again with each write isolated.
    expect(calls).toEqual(['p', 'p', 'q']);
    expect(batch.batchSizes).toEqual([3]);
  });

  it('rejects a lone failing write with its own error', async () => {
    const { db, ids, insert } = table();
    db.exec("INSERT INTO t (id) VALUES ('taken')");
    const batch = new SqliteWriteBatch(db);
    await expect(batch.run(insert('taken'))).rejects.toThrow(/UNIQUE constraint failed/);
    expect(ids()).toEqual(['taken']);
  });

  it('rejects every write of a batch whose transaction cannot run', async () => {
    const { db, insert } = table();
    const batch = new SqliteWriteBatch(db);
    const writes = [batch.run(insert('a')), batch.run(insert('b'))];
    db.close();
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('a run record written just before the storage closes is on disk after a reopen', async () => {
    const file = join(await tempDir('fb-batch-'), 'flowbridge.db');
    const storage = createSqliteStorage(file);
    const written = storage.runs.insert({ id: 'r-close', flow: 'ACT_X', status: 'running', trigger: 'manual', startedAt: new Date().toISOString(), logs: [], trace: [] });
    await storage.close();
    await written;
    const reopened = createSqliteStorage(file);
    expect((await reopened.runs.get('r-close'))?.status).toBe('running');
    await reopened.close();
  });
});
