// npm run bench:cluster [-- --json] [-- --quick]
// Throughput of 1, 2 and 3 PostgreSQL-backed instances on this machine (events/s accepted by the
// endpoints and events/s whose callback completed), and the inbox's cost per event on PostgreSQL
// next to SQLite's, through the storage API. Output: a table, or with --json one line per figure
// {"name","value","unit","baseline","ratio","min","max"} (value = median of the repetitions).
// Everything runs on this one machine: load generator, servers and PostgreSQL share its cores.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DATABASE_URL,
  ROOT,
  bindEventType,
  clusterWorkspace,
  deliver,
  dropSchema,
  eventBody,
  freePort,
  newSchema,
  startInstance,
  waitForDrain,
} from './cluster/harness.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const REPETITIONS = quick ? 1 : 3;
const EVENTS = quick ? 1000 : 3000;
const CONCURRENCY = 48;
// Events each instance handles before the measurement starts. V8 keeps compiling the event path's
// hot functions (on background threads that count as the server's CPU) and growing its heap for the
// first few thousand events: after 300 of them, one instance still cost 1.36 ms per event; after
// 3,000, 0.91–0.95 ms, which is what it goes on costing. The warm-up's own cost is reported too.
const WARM_UP_PER_INSTANCE = 3000;
const progress = (line) => {
  if (!json) console.error(`bench:cluster: ${line}`);
};

const figures = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function report(name, unit, samples, baseline) {
  const value = median(samples);
  figures.push({
    name,
    value,
    unit,
    ...(baseline !== undefined ? { baseline, ratio: value / baseline } : {}),
    min: Math.min(...samples),
    max: Math.max(...samples),
  });
}

/** utime + stime (clock ticks) and parent of process `pid`, from /proc; undefined once it is gone. */
function procStat(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) process `pid` and its live descendants have used so far (Linux; 100
 * clock ticks a second). The descendants count: the server runs flows in a run host child process.
 */
function cpuSeconds(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue;
    if (!children.has(stat.ppid)) children.set(stat.ppid, []);
    children.get(stat.ppid).push({ pid: Number(entry), ticks: stat.ticks });
  }
  let ticks = procStat(pid)?.ticks ?? 0;
  const walk = (parent) => {
    for (const child of children.get(parent) ?? []) {
      ticks += child.ticks;
      walk(child.pid);
    }
  };
  walk(pid);
  return ticks / 100;
}

/**
 * One measurement: starts `count` instances on a fresh schema, warms them up, sprays `EVENTS` new
 * events and waits until every callback completed; stops them again.
 */
async function clusterRound(count) {
  const schema = newSchema('fb_bench');
  const workspace = await clusterWorkspace({ leaseSeconds: 60 });
  const instances = [];
  try {
    const ports = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    instances.push(await startInstance({ name: '1', port: ports[0], schema, workspace, apiKey: workspace.apiKey }));
    await bindEventType(schema);
    instances.push(...(await Promise.all(ports.slice(1).map((port, i) => startInstance({ name: String(i + 2), port, schema, workspace, apiKey: workspace.apiKey })))));
    let turn = 0;
    const target = () => instances[turn++ % instances.length];
    // Warm-up: connections, prepared statements, JIT.
    const warmUp = WARM_UP_PER_INSTANCE * count;
    const cpuAtStart = instances.map((i) => cpuSeconds(i.child.pid));
    await deliver(Array.from({ length: warmUp }, () => ({ body: eventBody(randomUUID()) })), { target, apiKey: workspace.apiKey, concurrency: CONCURRENCY });
    const warmed = await waitForDrain(schema, { expectDone: warmUp, timeoutMs: 300_000 });
    if (warmed.timedOut) throw new Error(`${count} instance(s): the warm-up did not drain within 300 s`);
    const deliveries = Array.from({ length: EVENTS }, () => ({ body: eventBody(randomUUID()) }));
    const cpuBefore = instances.map((i) => cpuSeconds(i.child.pid));
    const start = performance.now();
    const stats = await deliver(deliveries, { target, apiKey: workspace.apiKey, concurrency: CONCURRENCY });
    const answered = performance.now();
    const counts = await waitForDrain(schema, { expectDone: warmUp + EVENTS, timeoutMs: 300_000 });
    if (counts.timedOut) throw new Error(`${count} instance(s): the inbox did not drain within 300 s`);
    if (stats.accepted !== EVENTS) throw new Error(`${count} instance(s): ${stats.accepted} of ${EVENTS} events accepted`);
    const finished = performance.now();
    const cpu = instances.reduce((sum, instance, i) => sum + cpuSeconds(instance.child.pid) - cpuBefore[i], 0);
    const warmUpCpu = instances.reduce((sum, _instance, i) => sum + cpuBefore[i] - cpuAtStart[i], 0);
    return { accepted: EVENTS / ((answered - start) / 1000), completed: EVENTS / ((finished - start) / 1000), cpuUs: (cpu * 1e6) / EVENTS, warmUpCpuUs: (warmUpCpu * 1e6) / warmUp };
  } finally {
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await dropSchema(schema).catch(() => undefined);
    await workspace.remove();
  }
}

/** µs per event of the inbox through the storage API: group-committed receive, then claim + release. */
async function inboxCost(open) {
  const storage = await open();
  const receive = [];
  const cycle = [];
  try {
    for (let r = 0; r < REPETITIONS + 1; r++) {
      const ids = Array.from({ length: EVENTS }, () => randomUUID());
      let start = performance.now();
      for (let i = 0; i < ids.length; i += 50) {
        await storage.inbox.receiveMany(ids.slice(i, i + 50).map((id) => ({ id, detailType: 'T', source: 's', event: JSON.parse(eventBody(id)), request: { method: 'POST', headers: {} } })));
      }
      const receiveUs = ((performance.now() - start) * 1000) / ids.length;
      start = performance.now();
      for (;;) {
        const now = new Date();
        const claimed = await storage.inbox.claim({ now: now.toISOString(), limit: 16, owner: 'bench', leaseUntil: new Date(now.getTime() + 60_000).toISOString() });
        if (claimed.length === 0) break;
        await Promise.all(claimed.map((e) => storage.inbox.release(e.id, 'bench', { status: 'done', runId: `run-${e.id}`, error: null, nextAttemptAt: null })));
      }
      const cycleUs = ((performance.now() - start) * 1000) / ids.length;
      // The first round warms up (connections, statements) and is not counted.
      if (r > 0) {
        receive.push(receiveUs);
        cycle.push(cycleUs);
      }
    }
  } finally {
    await storage.close();
  }
  return { receive, cycle };
}

const dist = (path) => import(pathToFileURL(join(ROOT, 'apps', 'server', 'dist', 'storage', path)).href);
const { createSqliteStorage } = await dist('sqlite-storage.js');
const { createPostgresStorage } = await dist('postgres-storage.js');

progress(`${EVENTS} events per round, ${REPETITIONS} round(s), ${CONCURRENCY} requests in flight, round robin over the instances`);
progress(`inbox cost per event, ${EVENTS} events x ${REPETITIONS} rounds (SQLite file, then PostgreSQL at ${DATABASE_URL.replace(/:[^:@/]*@/, '@')})`);
const sqliteDir = await mkdtemp(join(tmpdir(), 'fb-bench-sqlite-'));
const sqlite = await inboxCost(() => createSqliteStorage(join(sqliteDir, 'flowbridge.db')));
await rm(sqliteDir, { recursive: true, force: true });
const pgSchema = newSchema('fb_bench');
const postgres = await inboxCost(() => createPostgresStorage(DATABASE_URL, { schema: pgSchema }));
await dropSchema(pgSchema);
report('cluster.inbox.sqlite.receive_us_per_event', 'µs', sqlite.receive);
report('cluster.inbox.postgres.receive_us_per_event', 'µs', postgres.receive, median(sqlite.receive));
report('cluster.inbox.sqlite.claim_release_us_per_event', 'µs', sqlite.cycle);
report('cluster.inbox.postgres.claim_release_us_per_event', 'µs', postgres.cycle, median(sqlite.cycle));

// Rounds are interleaved (1, 2, 3 instances, then again), so that other load on the machine
// affects every cluster size alike instead of whichever happened to run while it lasted.
const COUNTS = [1, 2, 3];
const samples = Object.fromEntries(COUNTS.map((count) => [count, { accepted: [], completed: [], cpuUs: [], warmUpCpuUs: [] }]));
for (let r = 0; r < REPETITIONS; r++) {
  for (const count of COUNTS) {
    const round = await clusterRound(count);
    samples[count].accepted.push(round.accepted);
    samples[count].completed.push(round.completed);
    samples[count].cpuUs.push(round.cpuUs);
    samples[count].warmUpCpuUs.push(round.warmUpCpuUs);
    progress(`round ${r + 1}, ${count} instance(s): ${Math.round(round.accepted)} accepted/s, ${Math.round(round.completed)} completed/s, ${Math.round(round.cpuUs)} µs server CPU per event (${Math.round(round.warmUpCpuUs)} during the warm-up)`);
  }
}
for (const count of COUNTS) {
  const single = count > 1 ? samples[1] : undefined;
  report(`cluster.${count}_instances.accepted_events_per_s`, 'events/s', samples[count].accepted, single && median(single.accepted));
  report(`cluster.${count}_instances.completed_events_per_s`, 'events/s', samples[count].completed, single && median(single.completed));
  // CPU time of the server processes (accept + dispatch + callback run) per event: unlike the rates,
  // it hardly depends on what else the machine is doing.
  report(`cluster.${count}_instances.server_cpu_us_per_event`, 'µs', samples[count].cpuUs, single && median(single.cpuUs));
  // The same for the warm-up's events: a freshly started instance's first thousands cost more.
  report(`cluster.${count}_instances.warmup_server_cpu_us_per_event`, 'µs', samples[count].warmUpCpuUs, single && median(single.warmUpCpuUs));
}
// The performance target's figure: one PostgreSQL-backed instance at steady state, in ms per event.
report('cluster.cpu_ms_per_event', 'ms', samples[1].cpuUs.map((us) => us / 1000));

if (json) {
  for (const figure of figures) console.log(JSON.stringify(figure));
} else {
  const fmt = (v) => (typeof v !== 'number' ? '' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
  const rows = [['name', 'value', 'unit', 'baseline', 'ratio', 'min', 'max'], ...figures.map((f) => [f.name, fmt(f.value), f.unit, fmt(f.baseline), fmt(f.ratio), fmt(f.min), fmt(f.max)])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 || c === 2 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
process.exit(0);
