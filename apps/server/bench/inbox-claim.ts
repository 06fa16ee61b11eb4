/**
 * The dispatcher's claim against the size of the waiting backlog: `inbox.claim_us.backlog_N` is the
 * wall time of one claim cycle (claim up to 4 entries, the dispatcher's default concurrency, then
 * release each as done, as the dispatcher does) with N events waiting, on SQLite (a WAL file,
 * `synchronous = FULL`) and, when it answers, on PostgreSQL (`PG_TEST_URL` or
 * postgres://postgres@127.0.0.1:5432/test; `inbox.postgres.claim_us.backlog_N`). The backlog is kept
 * at N during the measurement (the events released are replaced outside the timed part), and the
 * three sizes are measured in alternating rounds. The larger backlogs carry the smallest one as
 * baseline, so the ratio says how much the backlog costs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresStorage } from '../src/storage/postgres-storage.js';
import { createSqliteStorage } from '../src/storage/sqlite-storage.js';
import type { NewInboxEvent, Storage } from '../src/storage/storage.js';
import { median, type Figure } from './figure.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const BACKLOGS = [100, 10_000, 30_000];
const CYCLES = quick ? 150 : 400;
const ROUNDS = quick ? 7 : 11;
const BATCH = 4;
const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';



let sequence = 0;
const event = (): NewInboxEvent => {
  const id = `claim-${++sequence}`;
  return { id, detailType: 'OrderPlaced', source: 'shop', event: { id, 'detail-type': 'OrderPlaced', detail: { orderId: id, total: 150.25, lines: [{ sku: 'A-1', qty: 2 }] } } };
};

async function fill(storage: Storage, count: number): Promise<void> {
  for (let done = 0; done < count; done += 1000) await storage.inbox.receiveMany(Array.from({ length: Math.min(1000, count - done) }, event));
}

/** µs per claim cycle over one round of CYCLES cycles with `backlog` events waiting (kept at that size). */
async function round(storage: Storage, backlog: number): Promise<number> {
  let elapsed = 0;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const now = new Date();
    const started = performance.now();
    const claimed = await storage.inbox.claim({ now: now.toISOString(), limit: BATCH, owner: 'bench', leaseUntil: new Date(now.getTime() + 600_000).toISOString() });
    await Promise.all(claimed.map((entry) => storage.inbox.release(entry.id, 'bench', { status: 'done', runId: `run-${entry.id}`, error: null, nextAttemptAt: null })));
    elapsed += performance.now() - started;
    if (claimed.length !== BATCH) throw new Error(`claimed ${claimed.length} entries with ${backlog} waiting`);
    await storage.inbox.receiveMany(Array.from({ length: BATCH }, event));
  }
  return (elapsed * 1000) / CYCLES;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Runs the claim figures for both storages; returns them. */
export async function claimFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  // The backlogs take turns round by round, so a slow spell of the disk (each cycle waits for an
  // fsync) lands on all of them alike instead of on whichever size was being measured.
  const series = async (prefix: string, open: () => Promise<{ storage: Storage; dispose: () => Promise<void> }>) => {
    const stores: Array<{ storage: Storage; dispose: () => Promise<void> }> = [];
    try {
      for (const backlog of BACKLOGS) {
        const store = await open();
        stores.push(store);
        await fill(store.storage, backlog);
      }
      const samples = BACKLOGS.map(() => [] as number[]);
      for (let turn = 0; turn < ROUNDS + 1; turn++) {
        for (const [i, backlog] of BACKLOGS.entries()) {
          const value = await round(stores[i]!.storage, backlog);
          if (turn > 0) samples[i]!.push(value); // turn 0 warms up
        }
      }
      const base = median(samples[0]!);
      for (const [i, backlog] of BACKLOGS.entries()) {
        const value = median(samples[i]!);
        figures.push({ name: `${prefix}.claim_us.backlog_${backlog}`, value, unit: 'µs', ...(i > 0 ? { baseline: base, ratio: value / base } : {}), min: Math.min(...samples[i]!), max: Math.max(...samples[i]!) });
      }
    } finally {
      for (const store of stores) await store.dispose();
    }
  };
  await series('inbox', async () => {
    const storage = createSqliteStorage(join(await mkdtemp(join(tmpdir(), 'fb-bench-claim-')), 'flowbridge.db'));
    return { storage, dispose: () => storage.close() };
  });
  if (await postgresReachable()) {
    await series('inbox.postgres', async () => {
      const schema = `fb_bench_${randomBytes(6).toString('hex')}`;
      const storage = await createPostgresStorage(PG_URL, { schema });
      return {
        storage,
        dispose: async () => {
          await storage.close();
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        },
      };
    });
  } else if (!json) {
    console.log(`inbox.postgres.claim_us: skipped, no PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, '@')}`);
  }
  return figures;
}

if (process.argv[1]?.endsWith('inbox-claim.ts')) {
  for (const figure of await claimFigures()) {
    if (json) console.log(JSON.stringify(figure));
    else console.log(`${figure.name}: ${figure.value.toFixed(0)} ${figure.unit}${figure.ratio !== undefined ? ` (×${figure.ratio.toFixed(2)} vs backlog ${BACKLOGS[0]})` : ''}`);
  }
}
