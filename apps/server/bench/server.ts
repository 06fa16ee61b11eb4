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
import { startServer } from '../src/server.js';
import { createSqliteStorage } from '../src/storage/sqlite-storage.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 5;

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  min: number;
  max: number;
}
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

await httpRuns();
await inboxWrites();
await historyPage();
for (const figure of figures) {
  if (json) console.log(JSON.stringify(figure));
  else console.log(`${figure.name}: ${figure.value.toFixed(figure.value >= 100 ? 0 : 2)} ${figure.unit}${figure.ratio !== undefined ? ` (×${figure.ratio.toFixed(2)} vs baseline)` : ''}`);
}
