/**
 * The event endpoint under load, side by side with its baselines in one run:
 * - `endpoint.*`: autocannon (50 connections, loopback, fixed duration, a fresh event id per request)
 *   against three server processes: a bare Express handler that parses the same body (the baseline),
 *   the real server (`dist/main.js`: API key, validation, durable group-committed inbox, dispatcher
 *   running a trivial callback flow per event), and the same server with the inbox write replaced by
 *   an in-memory acknowledgement (`endpoint-target.ts noinbox`).
 * - `inbox.*`: the durable inbox through the storage API with the endpoint's group commit (50
 *   concurrent writers), against one transaction per event; the claim against the backlog's size
 *   (`inbox-claim.ts`).
 * - `endpoint.inbox.drain_per_s_after_burst`: 30,000 events sent as fast as possible, then the rate
 *   at which what was left waiting drains, against the steady callback rate.
 * Median, min and max over rounds; the variants take turns within each round. `--json` prints one
 * figure per line, `--quick` shortens the rounds.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GroupCommit } from '../dist/storage/group-commit.js';
import { claimFigures } from './inbox-claim.js';
import { benchWorkspace, eventBody, listeningUrl } from './endpoint-workload.js';
import { createSqliteStorage } from '../dist/storage/sqlite-storage.js';
import type { InboxEntry, NewInboxEvent } from '../dist/storage/storage.js';
import { median, type Figure } from './figure.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 5;
// At least 10 s per round, --quick too: shorter rounds never build a backlog, so they hide its cost.
const SECONDS = 10;
/** Events sent as fast as possible before `endpoint.inbox.drain_per_s_after_burst` times the drain. */
const BURST = 30_000;
const CONNECTIONS = 50;
const ENDPOINT = '/rest/EventBridge/v1/event';
const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux, what /proc/<pid>/stat counts in

const figures: Figure[] = [];


function report(name: string, unit: string, samples: number[], baseline?: number): void {
  const value = median(samples);
  figures.push({ name, value, unit, ...(baseline !== undefined ? { baseline, ratio: value / baseline } : {}), min: Math.min(...samples), max: Math.max(...samples) });
}

// --- the servers -------------------------------------------------------------------------------

type Variant = 'express' | 'noinbox' | 'inbox';

interface Target {
  variant: Variant;
  url: string;
  child: ChildProcess;
}

const apiKey = `bench-${randomBytes(16).toString('hex')}`;

async function startTarget(variant: Variant): Promise<Target> {
  const { workspace, dataDir } = await benchWorkspace();
  const args = variant === 'inbox' ? ['dist/main.js'] : ['--import', 'tsx', 'bench/endpoint-target.ts', variant];
  const child = spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FLOWBRIDGE_WORKSPACE: workspace,
      FLOWBRIDGE_DATA_DIR: dataDir,
      LOCAL_AWS_PORT: 'off',
      FLOWBRIDGE_EVENTBRIDGE_APIKEY: apiKey,
    },
  });
  const url = await listeningUrl(child, `${variant} server`, 20_000);
  return { variant, url, child };
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

interface Load {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  accepted: number;
  cpuMicrosPerEvent: number;
  /** The process's CPU seconds when the load started. */
  cpuAtStart: number;
}

async function load(target: Target, seconds: number): Promise<Load> {
  const cpuBefore = cpuSeconds(target.child.pid!);
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: ENDPOINT,
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        setupRequest: (request) => ({ ...request, body: eventBody() }),
      },
    ],
  });
  const cpu = cpuSeconds(target.child.pid!) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${target.variant}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load`);
  }
  const accepted = result['2xx'];
  return { eventsPerSecond: accepted / (result.duration || seconds), p50: result.latency.p50, p99: result.latency.p99, accepted, cpuMicrosPerEvent: (cpu * 1e6) / accepted, cpuAtStart: cpuBefore };
}

/** Waits until the real server has run every accepted event's callback; returns the seconds it took. */
async function drained(target: Target, limitSeconds = 300): Promise<number> {
  const started = performance.now();
  const count = async (status: string) => {
    const res = await fetch(`${target.url}/api/inbox?status=${status}&limit=1`);
    return ((await res.json()) as { events: unknown[] }).events.length;
  };
  for (;;) {
    if ((await count('pending')) === 0 && (await count('routed')) === 0) break;
    if (performance.now() - started > limitSeconds * 1000) throw new Error(`the inbox did not drain within ${limitSeconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if ((await count('dead')) > 0) throw new Error('a benchmark callback ended dead; see the server log');
  return (performance.now() - started) / 1000;
}

/** The inbox's entries by status, from the server's `/metrics`. */
async function inboxCounts(target: Target): Promise<Record<string, number>> {
  const text = await (await fetch(`${target.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^flowbridge_inbox_events\{status="(\w+)"\} (\d+)$/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

/**
 * Sends BURST events as fast as 50 connections can, then times how fast the backlog left at the end
 * of the burst drains: events per second once nothing new arrives.
 */
async function drainAfterBurst(target: Target): Promise<{ backlog: number; perSecond: number }> {
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    amount: BURST,
    requests: [{ method: 'POST', path: ENDPOINT, headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, setupRequest: (request) => ({ ...request, body: eventBody() }) }],
  });
  if (result['2xx'] !== BURST) throw new Error(`burst: ${result['2xx']} of ${BURST} events accepted (${result.non2xx} non-2xx, ${result.errors} errors)`);
  const counts = await inboxCounts(target);
  const backlog = (counts.pending ?? 0) + (counts.routed ?? 0);
  // 30,000 events at the slowest drain rates seen on a loaded machine (about 100/s) take five minutes.
  const seconds = await drained(target, 900);
  return { backlog, perSecond: backlog / seconds };
}

async function endpoint(): Promise<void> {
  const targets: Target[] = [];
  for (const variant of ['express', 'noinbox', 'inbox'] as const) targets.push(await startTarget(variant));
  try {
    for (const target of targets) {
      await load(target, quick ? 1 : 2); // warm-up: JIT, SQLite page cache
      if (target.variant === 'inbox') await drained(target);
    }
    const samples: Record<Variant, Load[]> = { express: [], noinbox: [], inbox: [] };
    const ratios = { noinbox: [] as number[], inbox: [] as number[] };
    const callbacksPerSecond: number[] = [];
    const callbackRatios: number[] = [];
    const cpuWithCallbacks: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Take turns in a rotating order, so no variant always runs right after the inbox's background work.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      const thisRound: Partial<Record<Variant, Load>> = {};
      for (const target of order) {
        const measured = await load(target, SECONDS);
        thisRound[target.variant] = measured;
        samples[target.variant].push(measured);
        if (target.variant === 'inbox') {
          const drainSeconds = await drained(target);
          callbacksPerSecond.push(measured.accepted / (SECONDS + drainSeconds));
          callbackRatios.push(measured.accepted / (SECONDS + drainSeconds) / measured.eventsPerSecond);
          // Everything an event costs the server: accepting it and, mostly after the load, running its callback.
          cpuWithCallbacks.push(((cpuSeconds(target.child.pid!) - measured.cpuAtStart) * 1e6) / measured.accepted);
        }
      }
      ratios.noinbox.push(thisRound.noinbox!.eventsPerSecond / thisRound.express!.eventsPerSecond);
      ratios.inbox.push(thisRound.inbox!.eventsPerSecond / thisRound.express!.eventsPerSecond);
    }
    const express = median(samples.express.map((s) => s.eventsPerSecond));
    report('endpoint.express.events_per_s', 'events/s', samples.express.map((s) => s.eventsPerSecond));
    report('endpoint.inbox.events_per_s', 'events/s', samples.inbox.map((s) => s.eventsPerSecond), express);
    report('endpoint.inbox.ratio_vs_express', 'ratio', ratios.inbox);
    report('endpoint.noinbox.events_per_s', 'events/s', samples.noinbox.map((s) => s.eventsPerSecond), express);
    report('endpoint.noinbox.ratio_vs_express', 'ratio', ratios.noinbox);
    for (const variant of ['express', 'inbox', 'noinbox'] as const) {
      const p50 = median(samples.express.map((s) => s.p50));
      const p99 = median(samples.express.map((s) => s.p99));
      report(`endpoint.${variant}.p50_ms`, 'ms', samples[variant].map((s) => s.p50), variant === 'express' ? undefined : p50);
      report(`endpoint.${variant}.p99_ms`, 'ms', samples[variant].map((s) => s.p99), variant === 'express' ? undefined : p99);
    }
    const expressCpu = median(samples.express.map((s) => s.cpuMicrosPerEvent));
    for (const variant of ['express', 'inbox', 'noinbox'] as const) {
      report(`endpoint.${variant}.cpu_us_per_event`, 'µs', samples[variant].map((s) => s.cpuMicrosPerEvent), variant === 'express' ? undefined : expressCpu);
    }
    report('endpoint.inbox.cpu_us_per_event_with_callback', 'µs', cpuWithCallbacks, expressCpu);
    report('endpoint.inbox.callbacks_per_s', 'events/s', callbacksPerSecond, median(samples.inbox.map((s) => s.eventsPerSecond)));
    report('endpoint.inbox.callbacks_ratio_vs_accepted', 'ratio', callbackRatios);
    const inbox = targets.find((t) => t.variant === 'inbox')!;
    const burst = await drainAfterBurst(inbox);
    if (!json) console.error(`endpoint: ${burst.backlog} of ${BURST} events were waiting when the burst ended`);
    report('endpoint.inbox.drain_per_s_after_burst', 'events/s', [burst.perSecond], median(callbacksPerSecond));
  } finally {
    for (const target of targets) target.child.kill('SIGKILL');
  }
}

// --- the durable inbox on its own ---------------------------------------------------------------

async function inboxWrites(): Promise<void> {
  const events = quick ? 1_000 : 5_000;
  const one: number[] = [];
  const grouped: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const storage = createSqliteStorage(join(await mkdtemp(join(tmpdir(), 'fb-bench-inbox-')), 'flowbridge.db'));
    const event = (id: string): NewInboxEvent => ({ id, detailType: 'OrderPlaced', source: 'shop', event: JSON.parse(eventBody()) as NewInboxEvent['event'] });
    let start = performance.now();
    for (let i = 0; i < events; i++) await storage.inbox.receive(event(`one-${round}-${i}`));
    one.push(events / ((performance.now() - start) / 1000));

    // The endpoint's path: concurrent requests submit to one group commit, which writes what queued up per transaction.
    const commit = new GroupCommit<NewInboxEvent, { entry: InboxEntry; duplicate: boolean }>((batch) => storage.inbox.receiveMany(batch));
    let next = 0;
    start = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < events) await commit.submit(event(`group-${round}-${next++}`));
      }),
    );
    grouped.push(events / ((performance.now() - start) / 1000));
    await storage.close();
  }
  const base = median(one);
  report('inbox.one_per_transaction.events_per_s', 'events/s', one);
  report('inbox.events_per_s', 'events/s', grouped, base);
  report('inbox.us_per_event', 'µs', grouped.map((rate) => 1e6 / rate), 1e6 / base);
}

await inboxWrites();
figures.push(...(await claimFigures()));
await endpoint();
for (const figure of figures) {
  if (json) console.log(JSON.stringify(figure));
  else console.log(`${figure.name}: ${figure.value.toFixed(figure.value >= 100 ? 0 : 2)} ${figure.unit}${figure.ratio !== undefined ? ` (×${figure.ratio.toFixed(2)} vs baseline)` : ''}`);
}
