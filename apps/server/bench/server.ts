/**
 * Server throughput: manual runs over real HTTP (sequential and concurrent, each stored with its
 * trace), inbox writes one transaction per event versus grouped (what the event endpoint's group
 * commit buys), and a page of run history from a large table. `--json` prints one line per figure:
 * {"name","value","unit","baseline"?,"ratio"?,"min","max"}; `--quick` shortens the runs.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { signatureOf, type FlowDocument } from '@flowbridge/flow-model';
import { compile, run } from '@flowbridge/runtime';
import { createServerEngine } from '../src/engine.js';
import { createLogger } from '../src/observability/logger.js';
import { SecretMasker } from '../src/observability/secret-masker.js';
import { WorkerPool } from '../src/runs/worker-pool.js';
import { startServer } from '../src/server.js';
import { createSqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Figure } from './figure.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 5;

const figures: Figure[] = [];

function report(name: string, unit: string, samples: number[], baseline?: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = sorted[Math.floor(sorted.length / 2)]!;
  figures.push({ name, value, unit, ...(baseline !== undefined ? { baseline, ratio: value / baseline } : {}), min: sorted[0]!, max: sorted[sorted.length - 1]! });
  return value;
}

const flow = {
  formatVersion: 1,
  name: 'BENCH_Run',
  parameters: [{ name: 'N', type: 'Integer' }],
  nodes: [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'l', kind: 'core.LogMessage', position: { x: 1, y: 0 }, config: { level: 'info', message: 'order {{ $N }} total {{ $N * 2.5 }}' } },
    { id: 'e', kind: 'core.End', position: { x: 2, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'a', source: 's', sourcePort: 'out', target: 'l' },
    { id: 'b', source: 'l', sourcePort: 'out', target: 'e' },
  ],
  annotations: [],
};

async function httpRuns(): Promise<void> {
  const workspace = await mkdtemp(join(tmpdir(), 'fb-bench-'));
  const server = await startServer({
    config: { port: 0, host: '127.0.0.1', workspaceDir: workspace, dataDir: join(workspace, 'data'), allowedHosts: ['127.0.0.1'], aws: { kind: 'off' }, logLevel: 'warn' },
    env: {},
    editorDir: null,
    defaultMetrics: false,
    logDestination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const post = (n: number) =>
    fetch(`${server.url}/api/flows/BENCH_Run/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ parameters: { N: n } }) }).then(async (res) => {
      if (res.status !== 200) throw new Error(`run answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
  await fetch(`${server.url}/api/flows/BENCH_Run`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(flow) });
  for (let i = 0; i < 20; i++) await post(i);

  const runs = quick ? 100 : 300;
  const sequential: number[] = [];
  const concurrent: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < runs; i++) await post(i);
    sequential.push(runs / ((performance.now() - start) / 1000));

    start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < runs) await post(next++);
      }),
    );
    concurrent.push(runs / ((performance.now() - start) / 1000));
  }
  const base = report('server: manual runs over HTTP, one at a time (3-step flow, stored with trace)', 'runs/s', sequential);
  report('server: manual runs over HTTP, 8 concurrent clients', 'runs/s', concurrent, base);

  // The dispatcher's path: straight into the runner, with 30 more flows in the workspace to read.
  for (let i = 0; i < 30; i++) {
    await fetch(`${server.url}/api/flows/BENCH_Other${i}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...flow, name: `BENCH_Other${i}` }) });
  }
  const fresh: number[] = [];
  const reused: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < runs; i++) await server.runner.run('BENCH_Run', { N: i }, { trigger: 'manual' });
    fresh.push(runs / ((performance.now() - start) / 1000));
    start = performance.now();
    for (let i = 0; i < runs; i++) await server.runner.run('BENCH_Run', { N: i }, { trigger: 'event', eventId: `ev-${round}-${i}` });
    reused.push(runs / ((performance.now() - start) / 1000));
  }
  const freshRate = report('server: runner, 31 flows in the workspace, folder read per run (manual trigger)', 'runs/s', fresh);
  report('server: runner, 31 flows in the workspace, snapshot reused (event trigger)', 'runs/s', reused, freshRate);
  await server.close();
}

/** The price of running in a worker: a trivial flow through the worker pool (thread, and thread in a run host process) versus the runtime in this thread (no storage). */
async function isolationOverhead(): Promise<void> {
  const engine = createServerEngine();
  const compiled = compile(flow, engine);
  if (!compiled.ok) throw new Error('the bench flow does not compile');
  const logger = createLogger({ level: 'warn', masker: new SecretMasker(() => new Set()), destination: new Writable({ write: (_c, _e, done) => done() }) });
  const pools = {
    thread: new WorkerPool({ workers: 1, runsPerWorker: 4, graceMs: 1_000, maxQueued: 100, isolation: 'thread', services: {}, logger }),
    process: new WorkerPool({ workers: 1, runsPerWorker: 4, graceMs: 1_000, maxQueued: 100, isolation: 'process', services: {}, logger }),
  };
  const limits = { timeoutMs: 60_000, maxSteps: 100_000, maxCallDepth: 20, maxTraceSteps: 10_000, maxTraceBytes: 4_194_304 };
  const workspace = { version: 0, data: () => ({ version: 0, documents: new Map([['BENCH_Run', flow as FlowDocument]]), flows: new Map([['BENCH_Run', signatureOf(flow as FlowDocument)]]), constants: new Map() }) };
  const constants = { version: 0, data: () => ({ version: 0, values: new Map() }) };
  const signal = new AbortController().signal;
  const inPool = (pool: WorkerPool, n: number) => pool.run({ runId: `r${n}`, flow: 'BENCH_Run', parameters: { N: n }, limits, heapMb: 256, workspace, constants, onStep: () => undefined, onLog: () => undefined, signal });
  const inThread = (n: number) => run(compiled.flow, { N: n }, { ...limits, onStep: () => undefined, onLog: () => undefined });
  for (let i = 0; i < 200; i++) {
    for (const pool of Object.values(pools)) if ((await inPool(pool, i)).status !== 'succeeded') throw new Error('the bench flow failed in a worker');
    await inThread(i);
  }
  const runs = quick ? 1_000 : 3_000;
  const thread: number[] = [];
  const workerThread: number[] = [];
  const workerProcess: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < runs; i++) await inThread(i);
    thread.push(((performance.now() - start) * 1000) / runs);
    start = performance.now();
    for (let i = 0; i < runs; i++) await inPool(pools.thread, i);
    workerThread.push(((performance.now() - start) * 1000) / runs);
    start = performance.now();
    for (let i = 0; i < runs; i++) await inPool(pools.process, i);
    workerProcess.push(((performance.now() - start) * 1000) / runs);
  }
  await Promise.all(Object.values(pools).map((pool) => pool.close()));
  const base = report('server: a 3-step run in the server thread, one at a time (runtime only)', 'µs/run', thread);
  const isolated = report('server: the same run in a worker thread (pool round trip, workers.isolation "thread")', 'µs/run', workerThread, base);
  const hosted = report('server: the same run in a worker hosted by a run host process (workers.isolation "process", the default)', 'µs/run', workerProcess, base);
  figures.push({ name: 'server: run isolation overhead per run (worker thread minus in-thread)', value: isolated - base, unit: 'µs/run', min: isolated - base, max: isolated - base });
  figures.push({ name: 'server: run isolation overhead per run (run host process minus in-thread)', value: hosted - base, unit: 'µs/run', min: hosted - base, max: hosted - base });
}

async function inboxWrites(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'fb-bench-'));
  const storage = createSqliteStorage(join(dir, 'flowbridge.db'));
  const events = quick ? 1_000 : 3_000;
  const event = (id: string) => ({ id, detailType: 'OrderPlaced', source: 'shop', event: { id, detail: { orderId: id, total: 12.5, lines: [{ sku: 'A-1', qty: 2 }] } } });
  const single: number[] = [];
  const grouped: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < events; i++) await storage.inbox.receive(event(`s-${round}-${i}`));
    single.push(events / ((performance.now() - start) / 1000));

    start = performance.now();
    for (let i = 0; i < events; i += 50) await storage.inbox.receiveMany(Array.from({ length: 50 }, (_, j) => event(`g-${round}-${i + j}`)));
    grouped.push(events / ((performance.now() - start) / 1000));
  }
  const base = report('server: inbox writes to SQLite (WAL), one transaction per event', 'events/s', single);
  report('server: inbox writes to SQLite (WAL), 50 events per transaction', 'events/s', grouped, base);
  await storage.close();
}

async function historyPage(): Promise<void> {
  const storage = createSqliteStorage(join(await mkdtemp(join(tmpdir(), 'fb-bench-')), 'flowbridge.db'));
  const total = quick ? 5_000 : 20_000;
  const trace = Array.from({ length: 10 }, (_, i) => ({ nodeId: `n${i}`, kind: 'core.LogMessage', startedAt: 'x', endedAt: 'y', durationMs: 0 }));
  for (let i = 0; i < total; i++) {
    await storage.runs.insert({ id: `r${i}`, flow: `ACT_${i % 20}`, status: i % 10 ? 'succeeded' : 'failed', trigger: 'manual', startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), logs: [], trace });
  }
  const samples: number[] = [];
  for (let i = 0; i < (quick ? 50 : 200); i++) {
    const start = performance.now();
    const page = await storage.runs.list({ limit: 50, flow: 'ACT_7', before: `r${total - 1 - i * 37}` });
    samples.push(performance.now() - start);
    if (page.runs.length === 0) throw new Error('empty page');
  }
  report(`server: one page of 50 runs of a flow from ${total.toLocaleString('en-US')} stored runs`, 'ms', samples);
  await storage.close();
}

await isolationOverhead();
await httpRuns();
await inboxWrites();
await historyPage();
for (const figure of figures) {
  if (json) console.log(JSON.stringify(figure));
  else console.log(`${figure.name}: ${figure.value.toFixed(figure.value >= 100 ? 0 : 2)} ${figure.unit}${figure.ratio !== undefined ? ` (×${figure.ratio.toFixed(2)} vs baseline)` : ''}`);
}
