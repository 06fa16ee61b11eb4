/**
 * Runs that would stall or crash the server run in workers with budgets: the server keeps answering,
 * the bad run ends with a clear error naming its node and limit, and the next run succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, loggingFlow, startTestServer, type TestServer } from './support/test-server.js';

const RUN_TIME_MS = 1_500;
const GRACE_MS = 500;
/** Time past the limit a run may take to end: the grace, the watchdog's tick and a loaded machine. */
const MARGIN_MS = 2_500;

const bad: Array<[string, string]> = [
  ['a backtracking regular expression in $match', "$count($match($pad('', 30, 'a') & '!', /^(a+)+$/))"],
  ['a backtracking regular expression in $replace', "$replace($pad('', 30, 'a') & '!', /^(a+)+$/, 'x')"],
  ['a backtracking regular expression in $contains', "$contains($pad('', 30, 'a') & '!', /^(a+)+$/)"],
  ['a backtracking regular expression in $split', "$count($split($pad('', 30, 'a') & '!', /^(a+)+$/))"],
  ['string doubling', "($d := function($s, $n) { $n = 0 ? $s : $d($s & $s, $n - 1) }; $length($d($pad('', 1000, 'x'), 40)))"],
];

/**
 * Huge values built by native array functions: on Node 20 a thread that reaches its heap limit on these
 * allocation paths makes V8 abort its whole process, so runs execute in a worker hosted by a child
 * process; the host dies, not the server. A `$reverse` that fits its heap may also finish in time.
 */
const huge: Array<[string, string]> = [
  ['$sort over a huge range', '$count($sort([1..10000000], function($l, $r) { $l < $r }))'],
  ['$reverse over a huge range', '$count($reverse([1..10000000]))'],
  ['$append doubling', "($d := function($a, $n) { $n = 0 ? $a : $d($append($a, $a), $n - 1) }; $count($d([1..1000], 25)))"],
];

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    files: { 'settings.json': JSON.stringify({ limits: { runTimeMs: RUN_TIME_MS, heapMb: 96 }, workers: { count: 2, runsPerWorker: 2, graceMs: GRACE_MS } }) },
  });
  expect((await server.api('/api/flows/ACT_Ok', { method: 'PUT', json: loggingFlow('ACT_Ok') })).ok).toBe(true);
  // The first run waits for the workers to load (seconds from TypeScript sources on a busy machine).
  expect((await body(await server.api('/api/flows/ACT_Ok/runs', { method: 'POST', json: { parameters: {} } }))).status).toBe('succeeded');
  for (const [i, [, expression]] of bad.entries()) {
    const res = await server.api(`/api/flows/ACT_Bad${i}`, { method: 'PUT', json: loggingFlow(`ACT_Bad${i}`, `{{ ${expression} }}`) });
    expect(res.ok, await res.clone().text()).toBe(true);
  }
  for (const [i, [, expression]] of huge.entries()) {
    const res = await server.api(`/api/flows/ACT_Huge${i}`, { method: 'PUT', json: loggingFlow(`ACT_Huge${i}`, `{{ ${expression} }}`) });
    expect(res.ok, await res.clone().text()).toBe(true);
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('a run with a budget', () => {
  it.each(bad.map(([name], i) => [name, i] as const))('%s ends with a clear error while the server keeps answering', async (_name, i) => {
    const started = Date.now();
    const pending = server.api(`/api/flows/ACT_Bad${i}/runs`, { method: 'POST', json: { parameters: {} } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = Date.now();
    expect((await server.api('/healthz')).status).toBe(200);
    expect(Date.now() - health).toBeLessThan(2_000);

    const record = await body(await pending);
    expect(Date.now() - started).toBeLessThan(RUN_TIME_MS + MARGIN_MS);
    expect(record.status).toBe('failed');
    expect(['Timeout', 'RunTimeLimitExceeded', 'RunMemoryLimitExceeded', 'RangeError']).toContain(record.error.kind);
    if (record.error.kind !== 'RangeError') expect(record.error.message).toMatch(/limit|longer than/);
    if (record.error.kind.startsWith('Run')) {
      expect(record.error.activity).toBe('l');
      expect(record.error.message).toMatch(/settings\.json/);
    }

    const next = await body(await server.api('/api/flows/ACT_Ok/runs', { method: 'POST', json: { parameters: {} } }));
    expect(next.status).toBe('succeeded');
  }, 20_000);

  it('a blocked run is stopped by the watchdog naming its node and how to raise the limit', async () => {
    const record = await body(await server.api('/api/flows/ACT_Bad1/runs', { method: 'POST', json: { parameters: {} } }));
    expect(record.error).toMatchObject({ kind: 'RunTimeLimitExceeded', activity: 'l', activityKind: 'core.LogMessage' });
    expect(record.error.message).toContain(`${RUN_TIME_MS} ms`);
    expect(record.error.message).toContain('"limits": { "runTimeMs": ... } in flow ACT_Bad1');
    const stored = await body(await server.api(`/api/runs/${record.id}`));
    expect(stored.status).toBe('failed');
    expect(stored.trace.at(-1)).toMatchObject({ nodeId: 'l', error: { kind: 'RunTimeLimitExceeded' } });
  }, 20_000);

  it('a flow that builds a value larger than its heap fails with RunMemoryLimitExceeded', async () => {
    const flow = { ...loggingFlow('ACT_Heap', "{{ ($d := function($a, $n) { $n = 0 ? $a : $d($append($a, $a), $n - 1) }; $count($d([1..1000], 22))) }}"), limits: { heapMb: 32, runTimeMs: 20_000 } };
    expect((await server.api('/api/flows/ACT_Heap', { method: 'PUT', json: flow })).ok).toBe(true);
    const record = await body(await server.api('/api/flows/ACT_Heap/runs', { method: 'POST', json: { parameters: {} } }));
    expect(record.error).toMatchObject({ kind: 'RunMemoryLimitExceeded', activity: 'l' });
    expect(record.error.message).toMatch(/32 MB heap/);
    expect((await body(await server.api('/api/flows/ACT_Ok/runs', { method: 'POST', json: { parameters: {} } }))).status).toBe('succeeded');
  }, 30_000);
});

describe('a run building a value far past its heap', () => {
  it.each(huge.map(([name], i) => [name, i] as const))('%s ends with a clear error (or in time) while the server keeps answering', async (_name, i) => {
    const started = Date.now();
    const pending = server.api(`/api/flows/ACT_Huge${i}/runs`, { method: 'POST', json: { parameters: {} } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = Date.now();
    expect((await server.api('/healthz')).status).toBe(200);
    expect(Date.now() - health).toBeLessThan(2_000);

    const record = await body(await pending);
    expect(Date.now() - started).toBeLessThan(RUN_TIME_MS + MARGIN_MS + 3_000);
    const stored = await body(await server.api(`/api/runs/${record.id}`));
    expect(stored.status).toBe(record.status);
    if (record.status !== 'succeeded') {
      expect(record.status).toBe('failed');
      expect(['Timeout', 'RunTimeLimitExceeded', 'RunMemoryLimitExceeded']).toContain(record.error.kind);
      // The limit is met in the step building the value or, when that step fit and finished with its
      // garbage still filling the heap, in the End step right after it: the error names that node.
      expect(['l', 'e']).toContain(record.error.activity);
      expect(record.error.message).toMatch(/settings\.json/);
    }

    const next = await body(await server.api('/api/flows/ACT_Ok/runs', { method: 'POST', json: { parameters: {} } }));
    expect(next.status).toBe('succeeded');
  }, 30_000);

  it('$append doubling far past the heap fails with RunMemoryLimitExceeded naming the heap', async () => {
    // Time enough that a loaded machine reaches the heap limit before the time limit.
    const flow = { ...loggingFlow('ACT_HugeHeap', `{{ ${huge[2]![1]} }}`), limits: { runTimeMs: 20_000 } };
    expect((await server.api('/api/flows/ACT_HugeHeap', { method: 'PUT', json: flow })).ok).toBe(true);
    const record = await body(await server.api(`/api/flows/ACT_HugeHeap/runs`, { method: 'POST', json: { parameters: {} } }));
    expect(record.error).toMatchObject({ kind: 'RunMemoryLimitExceeded', activity: 'l' });
    expect(record.error.message).toMatch(/96 MB heap/);
  }, 30_000);
});

describe('runs in worker threads of the server (workers.isolation "thread")', () => {
  let threaded: TestServer;
  beforeAll(async () => {
    threaded = await startTestServer({
      files: { 'settings.json': JSON.stringify({ limits: { runTimeMs: RUN_TIME_MS }, workers: { count: 1, runsPerWorker: 1, graceMs: GRACE_MS, isolation: 'thread' } }) },
    });
    expect((await threaded.api('/api/flows/ACT_Ok', { method: 'PUT', json: loggingFlow('ACT_Ok') })).ok).toBe(true);
    expect((await threaded.api('/api/flows/ACT_Bad', { method: 'PUT', json: loggingFlow('ACT_Bad', `{{ ${bad[0]![1]} }}`) })).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await threaded?.close();
  });

  it('still stops a blocked run with RunTimeLimitExceeded and runs the next one', async () => {
    expect((await body(await threaded.api('/api/flows/ACT_Ok/runs', { method: 'POST', json: { parameters: {} } }))).status).toBe('succeeded');
    const record = await body(await threaded.api('/api/flows/ACT_Bad/runs', { method: 'POST', json: { parameters: {} } }));
    expect(record.error).toMatchObject({ kind: 'RunTimeLimitExceeded', activity: 'l' });
    expect((await body(await threaded.api('/api/flows/ACT_Ok/runs', { method: 'POST', json: { parameters: {} } }))).status).toBe('succeeded');
  }, 30_000);
});
