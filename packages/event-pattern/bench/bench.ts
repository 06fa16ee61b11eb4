/**
 * Events per second when matching one event against N rules with RuleSet, against the naive
 * baseline (matchesPattern for every rule). Usage: `pnpm --filter @flowbridge/event-pattern bench [--json]`.
 * Rules are realistic mixes: exact source/detail-type, prefix, numeric ranges, anything-but, $or.
 */
import { type CompiledPattern, compilePattern, matchesPattern, RuleSet } from '../src/index.js';

const json = process.argv.includes('--json');
const RULE_COUNTS = [10, 100, 1000, 10000];
const REPETITIONS = process.argv.includes('--quick') ? 3 : 7;
const SLICE_MS = 250;

/** Deterministic PRNG (mulberry32) so every run measures the same rules and events. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = 40;
const TYPES = 150;
const STATUSES = ['NEW', 'PAID', 'SHIPPED', 'CANCELLED', 'REFUNDED'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'];

function makeRule(rnd: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const source = `com.example.svc${Math.floor(rnd() * SOURCES)}`;
  const type = `Type${Math.floor(rnd() * TYPES)}`;
  const kind = rnd();
  if (kind < 0.35) return { source: [source], 'detail-type': [type] };
  if (kind < 0.55) return { source: [source], detail: { amount: [{ numeric: ['>', Math.floor(rnd() * 1000), '<=', 5000] }] } };
  if (kind < 0.7) return { source: [{ prefix: source.slice(0, 15) }], 'detail-type': [type, `Type${Math.floor(rnd() * TYPES)}`] };
  if (kind < 0.85) return { 'detail-type': [type], detail: { status: [{ 'anything-but': [pick(STATUSES), pick(STATUSES)] }] } };
  if (kind < 0.95) {
    return { source: [source], $or: [{ detail: { region: [pick(REGIONS)] } }, { detail: { amount: [{ numeric: ['>=', 4000] }] } }] };
  }
  return { detail: { status: [pick(STATUSES)], region: [{ prefix: pick(REGIONS).slice(0, 3) }] } };
}

function makeEvent(rnd: () => number): unknown {
  return {
    version: '0',
    id: `id-${Math.floor(rnd() * 1e9)}`,
    'detail-type': `Type${Math.floor(rnd() * TYPES)}`,
    source: `com.example.svc${Math.floor(rnd() * SOURCES)}`,
    account: '111122223333',
    time: '2026-01-15T12:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      orderId: `o-${Math.floor(rnd() * 1e6)}`,
      amount: Math.round(rnd() * 500000) / 100,
      status: STATUSES[Math.floor(rnd() * STATUSES.length)],
      region: REGIONS[Math.floor(rnd() * REGIONS.length)],
      tags: ['a', 'b'],
    },
  };
}

/** CPU time of this process in milliseconds: on a shared machine it counts only the work we did. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Events per CPU-second of `step` over one slice. CPU time rather than wall time, so that other
 * processes on the machine do not count against us (the process is single-threaded JavaScript;
 * GC helper threads add a little and make the figure conservative).
 */
function rate(events: readonly unknown[], step: (event: unknown) => number): number {
  let done = 0;
  let sink = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < SLICE_MS) {
    for (let i = 0; i < 50; i++) sink += step(events[(done + i) % events.length]);
    done += 50;
    elapsed = cpuMs() - start;
  }
  if (sink < 0) console.log(sink); // keeps the work observable to the optimiser
  return (done / elapsed) * 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const rnd = random(42);
const events = Array.from({ length: 2000 }, () => makeEvent(rnd));

if (!json) {
  console.log(`RuleSet.match vs matchesPattern over every rule — median of ${REPETITIONS} slices of ${SLICE_MS} ms of CPU time, one core`);
  console.log('rules    RuleSet events/s (min–max)            naive events/s    speed-up   matches/event');
}
for (const count of RULE_COUNTS) {
  const ruleRnd = random(1000 + count);
  const patterns: CompiledPattern[] = Array.from({ length: count }, () => compilePattern(makeRule(ruleRnd)));
  const set = new RuleSet<number>();
  patterns.forEach((p, i) => set.add(i, p));

  let matches = 0;
  for (const e of events) matches += set.match(e).length;
  const naiveStep = (e: unknown): number => {
    let n = 0;
    for (const p of patterns) if (matchesPattern(p, e)) n++;
    return n;
  };
  // Guard: the benchmark compares like with like.
  for (const e of events.slice(0, 50)) {
    if (naiveStep(e) !== set.match(e).length) throw new Error(`RuleSet and naive matching disagree at ${count} rules`);
  }

  const fast: number[] = [];
  const naive: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    fast.push(rate(events, (e) => set.match(e).length));
    naive.push(rate(events, naiveStep));
  }
  const value = median(fast);
  const baseline = median(naive);
  const round = (n: number): number => Math.round(n);
  if (json) {
    console.log(
      JSON.stringify({
        name: `pattern.events_per_s.rules_${count}`,
        value: round(value),
        unit: 'events/s',
        baseline: round(baseline),
        ratio: Math.round((value / baseline) * 100) / 100,
        min: round(Math.min(...fast)),
        max: round(Math.max(...fast)),
      }),
    );
  } else {
    const spread = `(${round(Math.min(...fast)).toLocaleString('en-US')}–${round(Math.max(...fast)).toLocaleString('en-US')})`;
    console.log(
      `${String(count).padEnd(8)} ${round(value).toLocaleString('en-US').padStart(10)} ${spread.padEnd(26)} ${round(baseline)
        .toLocaleString('en-US')
        .padStart(14)} ${`${(value / baseline).toFixed(1)}×`.padStart(10)} ${(matches / events.length).toFixed(2).padStart(14)}`,
    );
  }
}
