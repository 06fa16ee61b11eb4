import { afterEach, describe, expect, it } from 'vitest';
import { awsAuthModule } from '@flowbridge/connector-aws-auth';
import { eventBridgeModule } from '@flowbridge/connector-eventbridge';
import { coreRuntimeModule, createEngine, FlowError, type RuntimeModule } from '@flowbridge/runtime';
import { createSqliteStorage } from '../src/storage/sqlite-storage.js';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { eventEndpointModule } from '../src/event-endpoint/event-endpoint-module.js';
import { body, startTestServer, tempDir, type TestServer } from './support/test-server.js';

const API_KEY = 'local-test-key-0123456789';
const ENDPOINT = '/rest/EventBridge/v1/event';

/** Fails the first `failures` attempts of each event id, then succeeds: a callback that heals. */
function flakyModule(failures: number): RuntimeModule {
  const attempts = new Map<string, number>();
  return {
    definitions: {
      activities: [
        {
          kind: 'test.Flaky',
          label: 'Flaky',
          category: 'Test',
          icon: '?',
          description: 'Fails the first attempts for an event id.',
          fields: [{ name: 'key', label: 'Key', widget: 'expression', required: true }],
          ports: [{ id: 'out' }],
        },
      ],
    },
    implementations: [
      {
        kind: 'test.Flaky',
        async execute(ctx) {
          const key = String(await ctx.value('key'));
          const n = (attempts.get(key) ?? 0) + 1;
          attempts.set(key, n);
          if (n <= failures) throw new FlowError('Flaky', `attempt ${n} fails`);
          return {};
        },
      },
    ],
  };
}

function callbackFlow(name: string, extra?: { kind: string; config: Record<string, unknown> }) {
  const nodes = [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: 'order {{ $HttpRequest.event.detail.orderId }} total {{ $HttpRequest.event.detail.total }} via {{ $HttpRequest.method }}' } },
    ...(extra ? [{ id: 'x', kind: extra.kind, position: { x: 300, y: 0 }, config: extra.config }] : []),
    { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
  ];
  const edges = extra
    ? [
        { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
        { id: 'e2', source: 'l', sourcePort: 'out', target: 'x' },
        { id: 'e3', source: 'x', sourcePort: 'out', target: 'e' },
      ]
    : [
        { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
        { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
      ];
  return JSON.stringify({ formatVersion: 1, name, parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }], nodes, edges, annotations: [] });
}

function event(id: string, detailType = 'OrderPlaced', detail: Record<string, unknown> = { orderId: `o-${id}`, total: 150 }) {
  return { version: '0', id, 'detail-type': detailType, source: 'com.example.shop', account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: { failures?: number; workspace?: string; settings?: object } = {}) {
  server = await startTestServer({
    ...(options.workspace ? { workspace: options.workspace } : {}),
    files: {
      'flows/CB_OrderPlaced.json': callbackFlow('CB_OrderPlaced'),
      'flows/CB_Flaky.json': callbackFlow('CB_Flaky', { kind: 'test.Flaky', config: { key: '$HttpRequest.event.id' } }),
      'constants.json': JSON.stringify({ 'EventBridge.APIKey': { secret: true } }),
      'settings.json': JSON.stringify(options.settings ?? { eventEndpoint: { retryDelayMs: 20, maxAttempts: 3, bodyLimitBytes: 4096 } }),
    },
    env: { FLOWBRIDGE_EVENTBRIDGE_APIKEY: API_KEY },
    engine: createEngine([coreRuntimeModule, awsAuthModule, eventBridgeModule, flakyModule(options.failures ?? 0)]),
    modules: [eventEndpointModule],
  });
  await server.storage.routing.put('OrderPlaced', 'CB_OrderPlaced');
  await server.storage.routing.put('FlakyHappened', 'CB_Flaky');
  return server;
}

const post = (s: TestServer, payload: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${ENDPOINT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

/** Waits until `check` holds, polling; fails with `what` after the deadline. */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function eventRuns(s: TestServer, flow: string) {
  const page = await body(await s.api(`/api/runs?flow=${flow}&limit=100`));
  return page.runs as Array<{ id: string; status: string; eventId?: string; trigger: string }>;
}

describe('event endpoint', () => {
  it('stores an authenticated event, runs its callback once with the detail, and acknowledges a redelivery without running it again', async () => {
    const s = await start();
    const first = await post(s, event('ev-1'));
    expect(first.status).toBe(202);
    expect(await body(first)).toMatchObject({ id: 'ev-1', status: 'accepted' });
    const entry = await eventually('the event to be done', async () => {
      const e = await s.storage.inbox.get('ev-1');
      return e?.status === 'done' ? e : undefined;
    });
    const run = await body(await s.api(`/api/runs/${entry.runId}`));
    expect(run).toMatchObject({ flow: 'CB_OrderPlaced', status: 'succeeded', trigger: 'event', eventId: 'ev-1' });
    expect(run.logs.map((l: { message: string }) => l.message)).toEqual(['order o-ev-1 total 150 via POST']);

    const again = await post(s, event('ev-1'));
    expect(again.status).toBe(200);
    expect((await body(again)).status).toBe('duplicate');
    await new Promise((r) => setTimeout(r, 300));
    expect((await eventRuns(s, 'CB_OrderPlaced')).filter((r) => r.eventId === 'ev-1')).toHaveLength(1);
  });

  it('the callback never sees the API key: not in its request headers, the stored event or the trace', async () => {
    const s = await start();
    await post(s, event('ev-key'));
    const entry = await eventually('done', async () => ((await s.storage.inbox.get('ev-key'))?.status === 'done' ? s.storage.inbox.get('ev-key') : undefined));
    expect(JSON.stringify(entry)).not.toContain(API_KEY);
    const run = await s.api(`/api/runs/${entry!.runId}`);
    expect(await run.text()).not.toContain(API_KEY);
    expect(s.logs.join('\n')).not.toContain(API_KEY);
  });

  it.each([
    ['no API key', {}, 401],
    ['a wrong API key', { 'x-api-key': 'wrong' }, 401],
  ])('answers %s with 401 and stores and runs nothing', async (_name, headers, status) => {
    const s = await start();
    const res = await fetch(`${s.url}${ENDPOINT}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(event('ev-401')) });
    expect(res.status).toBe(status);
    expect(await s.storage.inbox.get('ev-401')).toBeUndefined();
    expect(await eventRuns(s, 'CB_OrderPlaced')).toEqual([]);
  });

  it.each([
    ['broken JSON', '{"id": ', 400],
    ['an array', '[1]', 400],
    ['an event without detail-type', JSON.stringify({ ...event('x'), 'detail-type': undefined }), 400],
    ['an event without id', JSON.stringify({ ...event('x'), id: undefined }), 400],
    ['an event whose detail is a string', JSON.stringify({ ...event('x'), detail: 'text' }), 400],
  ])('answers %s with $2 and a reason, storing nothing', async (_name, payload, status) => {
    const s = await start();
    const res = await post(s, payload);
    expect(res.status).toBe(status);
    expect((await body(res)).message.length).toBeGreaterThan(10);
    expect(await s.storage.inbox.list({ limit: 10 })).toEqual([]);
  });

  it('answers with JSON, its length, the security headers and a request id, and without an ETag', async () => {
    const s = await start();
    for (const [res, status] of [
      [await post(s, event('hd-1')), 202],
      [await post(s, event('hd-1')), 200],
      [await post(s, event('hd-2'), { 'x-api-key': 'wrong' }), 401],
      [await fetch(`${s.url}${ENDPOINT}`), 405],
    ] as const) {
      const text = await res.text();
      expect(res.status).toBe(status);
      expect(JSON.parse(text)).toEqual(expect.any(Object));
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('etag')).toBeNull();
    }
    const head = await fetch(`${s.url}${ENDPOINT}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('allow'), await head.text()]).toEqual([405, 'POST', '']);
  });

  it('answers POSTs to its exact path ahead of Express, and every other spelling through Express, alike', async () => {
    const s = await start();
    let throughExpress = 0;
    const app = s.app as unknown as { handle: (...args: unknown[]) => unknown };
    const handle = app.handle.bind(app);
    app.handle = (...args: unknown[]) => {
      throughExpress++;
      return handle(...args);
    };
    /** A body sent in chunks without a declared length, so only the body reader can find it too long. */
    const streamed = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < text.length; i += 1000) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 1000)));
          controller.close();
        },
      });
    const cases: Array<[string, (id: string, prefix: string) => RequestInit]> = [
      ['new event', (id) => ({ body: JSON.stringify(event(id)) })],
      ['redelivery', (_id, prefix) => ({ body: JSON.stringify(event(`${prefix}_new event`)) })],
      ['gzip body', (id) => ({ body: gzipSync(JSON.stringify(event(id))), headers: { 'content-encoding': 'gzip' } })],
      ['unknown encoding', (id) => ({ body: JSON.stringify(event(id)), headers: { 'content-encoding': 'snappy' } })],
      ['wrong key', (id) => ({ body: JSON.stringify(event(id)), headers: { 'x-api-key': 'wrong' } })],
      ['not JSON', () => ({ body: '{"id":', headers: { 'content-type': 'application/json' } })],
      ['text body', (id) => ({ body: JSON.stringify(event(id)), headers: { 'content-type': 'text/plain' } })],
      ['declared too long', (id) => ({ body: JSON.stringify(event(id, 'OrderPlaced', { blob: 'x'.repeat(5000) })) })],
      ['streamed too long', (id) => ({ body: streamed(JSON.stringify(event(id, 'OrderPlaced', { blob: 'x'.repeat(5000) }))), duplex: 'half' } as RequestInit)],
    ];
    const exchange = async (path: string, prefix: string) => {
      const answers: unknown[] = [];
      for (const [name, init] of cases) {
        const made = init(`${prefix}_${name}`, prefix);
        const res = await fetch(`${s.url}${path}`, { ...made, method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...(made.headers as Record<string, string>) } });
        const headers = [...res.headers].filter(([header]) => header !== 'date' && header !== 'x-request-id');
        answers.push({ name, status: res.status, headers, body: (await res.text()).replaceAll(prefix, 'ID') });
      }
      return answers;
    };
    const direct = await exchange(ENDPOINT, 'direct');
    expect(throughExpress).toBe(0);
    expect(direct.map((a) => [(a as { name: string }).name, (a as { status: number }).status])).toEqual([
      ['new event', 202],
      ['redelivery', 200],
      ['gzip body', 202],
      ['unknown encoding', 415],
      ['wrong key', 401],
      ['not JSON', 400],
      ['text body', 415],
      ['declared too long', 413],
      ['streamed too long', 413],
    ]);
    for (const spelling of [`${ENDPOINT}/`, ENDPOINT.toUpperCase().replace('/REST/EVENTBRIDGE/V1', '/rest/EventBridge/v1')]) {
      const before = throughExpress;
      expect(await exchange(spelling, spelling.endsWith('/') ? 'slash_' : 'upper_')).toEqual(direct);
      expect(throughExpress - before).toBe(cases.length);
    }
    expect((await s.storage.inbox.get('direct_gzip body'))?.detailType).toBe('OrderPlaced');
  });

  it('reads the key from the header the workspace names (the connection\'s API key header)', async () => {
    const s = await start({ settings: { eventEndpoint: { apiKeyHeader: 'X-Flowbridge-Key' } } });
    expect((await post(s, event('hdr-1'))).status).toBe(401);
    expect((await post(s, event('hdr-2'), { 'x-api-key': '', 'x-flowbridge-key': API_KEY })).status).toBe(202);
  });

  it('answers 415 for a body that is not JSON and 413 for one over the size limit', async () => {
    const s = await start();
    expect((await post(s, JSON.stringify(event('t')), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(s, event('big', 'OrderPlaced', { blob: 'x'.repeat(10_000) }))).status).toBe(413);
    expect(await s.storage.inbox.list({ limit: 10 })).toEqual([]);
  });

  it('answers 400 naming the field for a malformed event id or a too-deep body, and stores nothing', async () => {
    const s = await start();
    const lone = await post(s, { ...event('x'), id: 'ev-\ud800' });
    expect(lone.status).toBe(400);
    expect((await body(lone)).message).toMatch(/"id" is not well-formed Unicode/);
    const control = await post(s, { ...event('x'), id: 'ev\u0007' });
    expect((await body(control)).message).toMatch(/"id" contains the unprintable character U\+0007/);
    const deep = await post(s, JSON.stringify(event('deep')).replace('"detail":{', `"detail":{"n":${'['.repeat(200)}${']'.repeat(200)},`));
    expect(deep.status).toBe(400);
    expect((await body(deep)).message).toMatch(/deeper than 100 levels/);
    expect(await s.storage.inbox.list({ limit: 10 })).toEqual([]);
  });

  it('locks out a wrong key that keeps failing, but never a request with the right key', async () => {
    const s = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await post(s, event(`g${i}`), { 'x-api-key': 'the-same-guess' })).status);
    expect(statuses.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(statuses.slice(31)).toContain(429);
    const locked = await post(s, event('locked'), { 'x-api-key': 'the-same-guess' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    // EventBridge shares its addresses: the right key from the same client still gets through.
    expect((await post(s, event('after-guessing'))).status).toBe(202);
    // Another wrong key is counted on its own.
    expect((await post(s, event('other'), { 'x-api-key': 'another-guess' })).status).toBe(401);
  });

  it('locks out every wrong key once failures from all keys pass the global threshold, still admitting the right key', async () => {
    const s = await start();
    let firstLockout = -1;
    for (let i = 0; i < 310 && firstLockout < 0; i++) {
      if ((await post(s, event(`d${i}`), { 'x-api-key': `distinct-guess-${i}` })).status === 429) firstLockout = i;
    }
    expect(firstLockout).toBe(300);
    expect((await post(s, event('fresh'), { 'x-api-key': 'never-tried-before' })).status).toBe(429);
    expect((await post(s, event('right-key'))).status).toBe(202);
  }, 60_000);

  it('retries a callback that fails twice and records one success', async () => {
    const s = await start({ failures: 2 });
    await post(s, event('ev-flaky', 'FlakyHappened'));
    const entry = await eventually('the flaky event to be done', async () => {
      const e = await s.storage.inbox.get('ev-flaky');
      return e?.status === 'done' ? e : undefined;
    });
    expect(entry.attempts).toBe(3);
    const runs = await eventRuns(s, 'CB_Flaky');
    expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'failed', 'succeeded']);
  });

  it('keeps a compact trace for a succeeded callback (steps, timing, logs; no inputs or outputs) and the full trace for a failed one', async () => {
    const s = await start({ failures: 1 });
    await post(s, event('ev-compact'));
    await post(s, event('ev-compact-flaky', 'FlakyHappened'));
    const done = await eventually('both done', async () => {
      const [a, b] = await Promise.all([s.storage.inbox.get('ev-compact'), s.storage.inbox.get('ev-compact-flaky')]);
      return a?.status === 'done' && b?.status === 'done' ? [a, b] : undefined;
    });
    const succeeded = await body(await s.api(`/api/runs/${done[0]!.runId}`));
    expect(succeeded).toMatchObject({ status: 'succeeded', traceCompact: true });
    expect(succeeded.trace.map((step: { nodeId: string }) => step.nodeId)).toEqual(['s', 'l', 'e']);
    for (const step of succeeded.trace) {
      expect(step).not.toHaveProperty('inputs');
      expect(step).not.toHaveProperty('output');
      expect(typeof step.durationMs).toBe('number');
    }
    expect(succeeded.logs.map((l: { message: string }) => l.message)).toEqual(['order o-ev-compact total 150 via POST']);
    const failed = (await eventRuns(s, 'CB_Flaky')).find((r) => r.status === 'failed')!;
    const full = await body(await s.api(`/api/runs/${failed.id}`));
    expect(full).not.toHaveProperty('traceCompact');
    expect(full.trace.find((step: { nodeId: string }) => step.nodeId === 'l').inputs).toBeDefined();
  });

  it('keeps the full trace of succeeded callbacks with eventEndpoint.callbackTrace "full"', async () => {
    const s = await start({ settings: { eventEndpoint: { callbackTrace: 'full' } } });
    await post(s, event('ev-full'));
    const entry = await eventually('done', async () => {
      const e = await s.storage.inbox.get('ev-full');
      return e?.status === 'done' ? e : undefined;
    });
    const run = await body(await s.api(`/api/runs/${entry.runId}`));
    expect(run.status).toBe('succeeded');
    expect(run).not.toHaveProperty('traceCompact');
    expect(run.trace.find((step: { nodeId: string }) => step.nodeId === 'l').inputs).toBeDefined();
  });

  it('parks an event whose callback keeps failing as dead, and a replay runs it again', async () => {
    const s = await start({ failures: 3 });
    await post(s, event('ev-dead', 'FlakyHappened'));
    const dead = await eventually('dead', async () => {
      const e = await s.storage.inbox.get('ev-dead');
      return e?.status === 'dead' ? e : undefined;
    });
    expect(dead.error).toMatch(/CB_Flaky.*3 time/);
    const replay = await s.api('/api/inbox/replay', { method: 'POST', json: { ids: ['ev-dead'] } });
    expect((await body(replay)).replayed).toEqual(['ev-dead']);
    await eventually('done after replay', async () => (await s.storage.inbox.get('ev-dead'))?.status === 'done');
    expect((await eventRuns(s, 'CB_Flaky')).filter((r) => r.status === 'succeeded')).toHaveLength(1);
  });

  it('keeps an event of an unbound type as unrouted, and runs it once bound and replayed', async () => {
    const s = await start();
    await post(s, event('ev-new', 'OrderShipped'));
    const unrouted = await eventually('unrouted', async () => {
      const e = await s.storage.inbox.get('ev-new');
      return e?.status === 'unrouted' ? e : undefined;
    });
    expect(unrouted.error).toMatch(/OrderShipped.*CreateConfiguration/);
    await s.storage.routing.put('OrderShipped', 'CB_OrderPlaced');
    await s.api('/api/inbox/replay', { method: 'POST', json: { ids: ['ev-new'] } });
    await eventually('done', async () => (await s.storage.inbox.get('ev-new'))?.status === 'done');
  });

  it('runs events left in the inbox by a stopped server after the restart, once each', async () => {
    const workspace = await tempDir();
    const storage = createSqliteStorage(join(workspace, 'data', 'flowbridge.db'));
    await storage.routing.put('OrderPlaced', 'CB_OrderPlaced');
    await storage.inbox.receiveMany(['r1', 'r2', 'r3'].map((id) => ({ id, detailType: 'OrderPlaced', source: 's', event: event(id), request: { method: 'POST', uri: ENDPOINT, headers: {}, content: '' } })));
    // r3 was being run when the process died.
    await storage.inbox.claim({ now: new Date().toISOString(), limit: 1, owner: 'dead-process', leaseUntil: '2099-01-01T00:00:00.000Z' });
    await storage.close();

    const s = await start({ workspace });
    await eventually('all three done', async () => (await s.storage.inbox.list({ limit: 10, status: 'done' })).length === 3);
    const runs = await eventRuns(s, 'CB_OrderPlaced');
    expect(runs.map((r) => r.eventId).sort()).toEqual(['r1', 'r2', 'r3']);
  });

  it('stores events arriving during a commit together in the next one, each before its answer', async () => {
    const s = await start();
    const batches: number[] = [];
    const receiveMany = s.storage.inbox.receiveMany.bind(s.storage.inbox);
    // A slow first flush (as a slow disk would be): the events arriving meanwhile must share the next one.
    s.storage.inbox.receiveMany = async (events) => {
      batches.push(events.length);
      if (batches.length === 1) await new Promise((r) => setTimeout(r, 300));
      return receiveMany(events);
    };
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => post(s, event(`burst-${i}`))));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    for (let i = 0; i < 60; i++) expect(await s.storage.inbox.get(`burst-${i}`)).toBeDefined();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.max(...batches)).toBeGreaterThan(1);
    await eventually('burst done', async () => (await s.storage.inbox.counts()).done === 60, 20_000);
  });
});
