/**
 * The storage contract against a real PostgreSQL (127.0.0.1:5432 on this machine and in CI), plus
 * what only a shared database has: several instances (pools) claiming and receiving at once.
 * Each storage lives in its own fresh schema, dropped afterwards, so parallel runs never collide.
 * PostgreSQL being unreachable fails these tests (it is never a reason to skip them).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../src/storage/postgres-migrations.js';
import pg from 'pg';
import { batchFailureMayBeOneRows, createPostgresStorage, POSTGRES_CLAIM_SQL, PostgresStorageError } from '../src/storage/postgres-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { describeDispatcherContract } from './dispatcher-contract.js';
import { describeStorageContract } from './storage-contract.js';
import { dropTestSchema, TEST_DATABASE_URL as DATABASE_URL, uniqueSchema, withTestDatabase } from './support/test-database.js';

const schemas = new Set<string>();

/** Fails the calling test (never skips it) with the reason and what to do when PostgreSQL is unreachable. */
const requirePostgres = () => withTestDatabase(async (c) => void (await c.query('SELECT 1')));

/** A storage in a new schema; `close()` also drops the schema. */
async function openIsolated(options: { schema?: string; poolSize?: number } = {}): Promise<Storage & { schema: string }> {
  await requirePostgres();
  const schema = options.schema ?? uniqueSchema();
  schemas.add(schema);
  const storage = await createPostgresStorage(DATABASE_URL, { schema, ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  return Object.assign(Object.create(storage) as Storage, {
    schema,
    close: async () => {
      await storage.close();
      await dropSchema(schema);
    },
  });
}

const withClient = withTestDatabase;

async function dropSchema(schema: string): Promise<void> {
  await dropTestSchema(schema);
  schemas.delete(schema);
}

afterAll(async () => {
  // Schemas of tests that failed before closing their storage.
  for (const schema of [...schemas]) await dropSchema(schema).catch(() => undefined);
});

// Each test migrates a fresh schema: allow for a busy machine (vitest's default is 5 s).
describe('on a fresh schema per test', { timeout: 30_000 }, () => describeStorageContract('PostgreSQL', () => openIsolated()));
describe('the dispatcher on a fresh schema per test', { timeout: 30_000 }, () => describeDispatcherContract('PostgreSQL', () => openIsolated()));

// Several pools and hundreds of statements: more than vitest's 5 s default on a busy machine.
describe('PostgreSQL storage', { timeout: 30_000 }, () => {
  it('records each migration once and reopens an existing schema without migrating again', async () => {
    const first = await openIsolated();
    await first.runs.insert({ id: 'r', flow: 'A', status: 'running', trigger: 'manual', startedAt: '2026-01-01T00:00:00.000Z', logs: [], trace: [] });
    const second = await createPostgresStorage(DATABASE_URL, { schema: first.schema });
    expect((await second.runs.get('r'))?.flow).toBe('A');
    expect(second.description).toBe(`postgres:postgres@127.0.0.1:5432/test?schema=${first.schema}`);
    await second.close();
    const versions = await withClient((c) => c.query<{ version: number }>(`SELECT version FROM ${first.schema}.schema_migrations ORDER BY version`));
    expect(versions.rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await first.close();
  });

  it('instances starting together on a new schema create and migrate it once', async () => {
    await requirePostgres();
    const schema = uniqueSchema();
    schemas.add(schema);
    const opened = await Promise.all(Array.from({ length: 4 }, () => createPostgresStorage(DATABASE_URL, { schema, poolSize: 2 })));
    const versions = await withClient((c) => c.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`));
    expect(versions.rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    for (const storage of opened) await storage.close();
    await dropSchema(schema);
  });

  it('takes the schema from the URL and refuses a schema from a newer server, naming what to do', async () => {
    await requirePostgres();
    const schema = uniqueSchema();
    schemas.add(schema);
    const storage = await createPostgresStorage(`${DATABASE_URL}?schema=${schema}`);
    await storage.close();
    await withClient((c) => c.query(`INSERT INTO ${schema}.schema_migrations (version, description, applied_at) VALUES (999, 'future', now())`));
    await expect(createPostgresStorage(DATABASE_URL, { schema })).rejects.toThrow(/schema version 999.*DATABASE_URL/);
    await dropSchema(schema);
  });

  it('explains an unreachable database and a malformed URL without showing the password', async () => {
    const unreachable = createPostgresStorage('postgres://flow:s3cret-pw@127.0.0.1:1/test');
    await expect(unreachable).rejects.toBeInstanceOf(PostgresStorageError);
    await expect(unreachable).rejects.toThrow(/PostgreSQL at flow@127\.0\.0\.1:1\/test could not be opened.*DATABASE_URL/);
    await expect(unreachable).rejects.not.toThrow(/s3cret-pw/);
    await expect(createPostgresStorage('mysql://x@y/z')).rejects.toThrow(/must start with postgres:\/\//);
    await expect(createPostgresStorage(DATABASE_URL, { schema: 'Bad; DROP' })).rejects.toThrow(/schema name/);
  });

  it('retries a failed batch row by row only when one row can be at fault, not when the database is gone', async () => {
    const rowError = await withTestDatabase((c) => c.query('SELECT 1 / 0').then(() => undefined, (error: unknown) => error));
    expect(batchFailureMayBeOneRows(rowError)).toBe(true);
    const refused = await new pg.Client({ connectionString: 'postgres://x@127.0.0.1:1/test' }).connect().then(() => undefined, (error: unknown) => error);
    expect(batchFailureMayBeOneRows(refused)).toBe(false);
    expect(batchFailureMayBeOneRows(Object.assign(new pg.DatabaseError('terminating connection due to administrator command', 0, 'error'), { code: '57P01' }))).toBe(false);
    expect(batchFailureMayBeOneRows(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('several instances claiming at once never take the same entry, and each entry is taken', async () => {
    const a = await openIsolated();
    const others = await Promise.all([1, 2].map(() => createPostgresStorage(DATABASE_URL, { schema: a.schema, poolSize: 4 })));
    const instances = [a, ...others];
    await a.inbox.receiveMany(Array.from({ length: 300 }, (_, i) => ({ id: `e${i}`, detailType: 'T', source: 's', event: { i } })));
    const taken: string[] = [];
    await Promise.all(
      instances.flatMap((s, n) =>
        [0, 1, 2].map(async (worker) => {
          for (;;) {
            const batch = await s.inbox.claim({ now: new Date().toISOString(), limit: 7, owner: `i${n}-w${worker}`, leaseUntil: '2999-01-01T00:00:00.000Z' });
            if (batch.length === 0) return;
            taken.push(...batch.map((e) => e.id));
          }
        }),
      ),
    );
    expect(taken).toHaveLength(300);
    expect(new Set(taken).size).toBe(300);
    expect(await a.inbox.counts()).toMatchObject({ pending: 0, routed: 300 });
    for (const s of others) await s.close();
    await a.close();
  });

  it('the same event received by several instances at once is stored once and new exactly once', async () => {
    const a = await openIsolated();
    const b = await createPostgresStorage(DATABASE_URL, { schema: a.schema });
    const events = Array.from({ length: 50 }, (_, i) => ({ id: `dup${i}`, detailType: 'T', source: 's', event: { i } }));
    const results = await Promise.all([a, b, a, b].map((s) => s.inbox.receiveMany(events)));
    for (let i = 0; i < events.length; i++) {
      expect(results.filter((r) => r[i]!.duplicate === false)).toHaveLength(1);
      expect(results.every((r) => r[i]!.entry.id === `dup${i}`)).toBe(true);
    }
    const twice = await a.inbox.receiveMany([events[0]!, { id: 'fresh', detailType: 'T', source: 's', event: {} }, { id: 'fresh', detailType: 'T', source: 's', event: {} }]);
    expect(twice.map((r) => r.duplicate)).toEqual([true, false, true]);
    expect((await a.inbox.counts()).pending).toBe(51);
    await b.close();
    await a.close();
  });

  it('pages a list filtered by flow and status through next', async () => {
    const s = await openIsolated();
    const run = (id: string, flow: string, status: 'succeeded' | 'failed') => ({ id, flow, status, trigger: 'manual' as const, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', logs: [], trace: [] });
    for (let i = 1; i <= 9; i++) await s.runs.insert(run(`r${i}`, i % 3 ? 'A' : 'B', i % 2 ? 'succeeded' : 'failed'));
    const first = await s.runs.list({ limit: 2, flow: 'A', status: 'succeeded' });
    expect(first.runs.map((r) => r.id)).toEqual(['r7', 'r5']);
    const second = await s.runs.list({ limit: 2, flow: 'A', status: 'succeeded', before: first.next! });
    expect(second.runs.map((r) => r.id)).toEqual(['r1']);
    expect(second.next).toBeUndefined();
    expect((await s.runs.list({ limit: 5, status: 'failed', before: 'r6' })).runs.map((r) => r.id)).toEqual(['r4', 'r2']);
    expect((await s.runs.list({ limit: 5, flow: 'B', before: 'r9' })).runs.map((r) => r.id)).toEqual(['r6', 'r3']);
    await s.close();
  });

  it('instances receiving the same events in opposite orders at once wait for each other instead of deadlocking', async () => {
    const a = await openIsolated();
    const b = await createPostgresStorage(DATABASE_URL, { schema: a.schema });
    for (let round = 0; round < 5; round++) {
      const events = Array.from({ length: 200 }, (_, i) => ({ id: `r${round}-${i}`, detailType: 'T', source: 's', event: { i } }));
      const [forward, backward] = await Promise.all([a.inbox.receiveMany(events), b.inbox.receiveMany([...events].reverse())]);
      const newOnce = events.map((_, i) => Number(!forward[i]!.duplicate) + Number(!backward[events.length - 1 - i]!.duplicate));
      expect(newOnce.every((n) => n === 1)).toBe(true);
    }
    await b.close();
    await a.close();
  });

  it('keeps an event run under a live lease running at start-up, and marks it interrupted once the lease has ended', async () => {
    const s = await openIsolated();
    await s.inbox.receive({ id: 'live', detailType: 'T', source: 's', event: {} });
    await s.inbox.receive({ id: 'expired', detailType: 'T', source: 's', event: {} });
    const soon = new Date(Date.now() + 60_000).toISOString();
    await s.inbox.claim({ now: new Date().toISOString(), limit: 1, owner: 'other-instance', leaseUntil: soon });
    await s.inbox.claim({ now: new Date().toISOString(), limit: 1, owner: 'dead-instance', leaseUntil: '2000-01-01T00:00:00.000Z' });
    const run = (id: string, eventId: string) => ({ id, flow: 'CB', status: 'running' as const, trigger: 'event' as const, startedAt: new Date().toISOString(), eventId, logs: [], trace: [] });
    await s.runs.insert(run('run-live', 'live'));
    await s.runs.insert(run('run-expired', 'expired'));
    expect(await s.runs.markInterrupted(new Date().toISOString())).toBe(1);
    expect((await s.runs.get('run-live'))?.status).toBe('running');
    expect((await s.runs.get('run-expired'))?.status).toBe('interrupted');
    await s.close();
  });

  /** Asserts that the claim reads fewer than 20 rows besides those it takes, in both plan modes. */
  async function expectNarrowClaim(schema: string): Promise<void> {
    await withClient(async (c) => {
      await c.query(`SET search_path = ${schema}`);
      await c.query('PREPARE claim(timestamptz, integer, text, timestamptz) AS ' + POSTGRES_CLAIM_SQL);
      // The storage runs the claim as a named statement: after a few runs PostgreSQL may plan it once
      // for any parameters (a generic plan), which must not scan the table either.
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        await c.query(`SET plan_cache_mode = ${mode}`);
        await c.query('BEGIN');
        const { rows } = await c.query<{ 'QUERY PLAN': unknown }>("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE claim(now(), 4, 'o', now())");
        await c.query('ROLLBACK');
        const nodes: Array<Record<string, unknown>> = [];
        const walk = (node: Record<string, unknown>) => {
          nodes.push(node);
          for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
        };
        walk((rows[0]!['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
        const rowsRead = nodes.reduce((sum, node) => sum + Number(node['Rows Removed by Filter'] ?? 0), 0);
        const plan = `${mode}: ${JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name'], n['Rows Removed by Filter']]))}`;
        expect(rowsRead, plan).toBeLessThan(20);
        expect(plan).not.toMatch(/Seq Scan|inbox_pkey/);
      }
      await c.query('RESET plan_cache_mode');
    });
  }

  it('claims from indexes holding only claimable entries, never walking the history of done ones', async () => {
    const s = await openIsolated();
    await s.inbox.receiveMany(Array.from({ length: 3000 }, (_, i) => ({ id: `h${String(i).padStart(5, '0')}`, detailType: 'T', source: 's', event: {} })));
    await withClient(async (c) => {
      // Statistics taken while everything waits (right after a burst), then the backlog drains.
      await c.query(`ANALYZE ${s.schema}.inbox`);
      await c.query(`UPDATE ${s.schema}.inbox SET status = 'done' WHERE id < 'h02990'`);
    });
    await expectNarrowClaim(s.schema);
    const claimed = await s.inbox.claim({ now: new Date().toISOString(), limit: 4, owner: 'o', leaseUntil: new Date(Date.now() + 60_000).toISOString() });
    expect(claimed.map((e) => e.id)).toEqual(['h02990', 'h02991', 'h02992', 'h02993']);
    await s.close();
  });

  it('claims without walking a waiting backlog that autovacuum has not analysed yet', async () => {
    const s = await openIsolated();
    // A burst fills a new table: no statistics yet, every entry waiting, none of them a retry. (Large
    // enough that reading the whole table is not the cheap way for the planner, as it is for a few thousand.)
    for (let batch = 0; batch < 30; batch++) {
      await s.inbox.receiveMany(Array.from({ length: 1000 }, (_, i) => ({ id: `b${String(batch * 1000 + i).padStart(5, '0')}`, detailType: 'T', source: 's', event: {} })));
    }
    await expectNarrowClaim(s.schema);
    const claimed = await s.inbox.claim({ now: new Date().toISOString(), limit: 4, owner: 'o', leaseUntil: new Date(Date.now() + 60_000).toISOString() });
    expect(claimed.map((e) => e.id)).toEqual(['b00000', 'b00001', 'b00002', 'b00003']);
    await s.close();
  });

  it('keeps JSON as sent, including a NUL character and a lone surrogate in an event from the wire', async () => {
    const s = await openIsolated();
    const event = { b: 1, a: 'nul\u0000here', nested: { z: [1, null, 'x'], lone: 'half \ud800 a pair' } };
    const { entry } = await s.inbox.receive({ id: 'nul', detailType: 'T', source: 's', event, request: { method: 'POST', headers: { 'x-a': '1' } } });
    expect(entry.event).toEqual(event);
    // What the receive answers is what a read of the stored row gives.
    const stored = await s.inbox.get('nul');
    expect(stored).toEqual(entry);
    expect(Object.keys(stored?.event as object)).toEqual(['b', 'a', 'nested']);
    await s.close();
  });
});
