/**
 * The debugger through the HTTP API: debug runs started by hand and by the next event of an armed
 * flow, pauses with the variables in scope, stepping, the pause timeout, and exactly-once dispatch of
 * a debugged callback (while others are dispatched, after Stop, and across a restart while paused).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config/server-config.js';
import { eventEndpointModule } from '../src/event-endpoint/event-endpoint-module.js';
import { body, startTestServer, tempDir, type TestServer } from './support/test-server.js';

const API_KEY = 'debugger-test-key-0123456789';
const ENDPOINT = '/rest/EventBridge/v1/event';

const node = (id: string, kind: string, x: number, config: Record<string, unknown> = {}, label?: string) => ({ id, kind, position: { x, y: 0 }, config, ...(label ? { label } : {}) });
const chain = (ids: string[]) => ids.slice(1).map((target, i) => ({ id: `e${i}`, source: ids[i]!, sourcePort: 'out', target }));
const flow = (name: string, nodes: ReturnType<typeof node>[], parameters: Array<{ name: string; type: string }> = [], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ formatVersion: 1, name, parameters, nodes, edges: chain(nodes.map((n) => n.id)), annotations: [], ...extra });

const files = (settings: Record<string, unknown> = {}) => ({
  'flows/CB_OrderPlaced.json': flow(
    'CB_OrderPlaced',
    [
      node('start', 'core.Start', 0),
      node('order-id', 'core.CreateVariable', 100, { variableName: 'OrderId', type: 'String', value: '$HttpRequest.event.detail.orderId' }),
      node('log', 'core.LogMessage', 200, { level: 'info', message: 'order {{ $OrderId }}' }),
      node('end', 'core.End', 300),
    ],
    [{ name: 'HttpRequest', type: 'HttpRequest' }],
  ),
  'flows/ACT_Sum.json': flow(
    'ACT_Sum',
    [
      node('start', 'core.Start', 0),
      node('a', 'core.CreateVariable', 100, { variableName: 'A', type: 'Integer', value: '$N + 1' }),
      node('b', 'core.CreateVariable', 200, { variableName: 'B', type: 'Integer', value: '$A * 2' }),
      node('end', 'core.End', 300, { returnValue: '$B' }),
    ],
    [{ name: 'N', type: 'Integer' }],
    { returnType: 'Integer' },
  ),
  'constants.json': JSON.stringify({ 'EventBridge.APIKey': { secret: true } }),
  'settings.json': JSON.stringify({ eventEndpoint: { retryDelayMs: 20, maxAttempts: 3 }, ...settings }),
});

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: { settings?: Record<string, unknown>; workspace?: string; config?: Partial<ServerConfig> } = {}): Promise<TestServer> {
  const s = await startTestServer({
    ...(options.workspace ? { workspace: options.workspace } : { files: files(options.settings) }),
    env: { FLOWBRIDGE_EVENTBRIDGE_APIKEY: API_KEY },
    modules: [eventEndpointModule],
    ...(options.config ? { config: options.config } : {}),
  });
  servers.push(s);
  await s.storage.routing.put('OrderPlaced', 'CB_OrderPlaced');
  return s;
}

const event = (id: string, orderId = `o-${id}`) => ({ version: '0', id, 'detail-type': 'OrderPlaced', source: 'com.example.shop', account: '000000000000', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { orderId, total: 42 } });
const post = (s: TestServer, id: string) => fetch(`${s.url}${ENDPOINT}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify(event(id)) });

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sessions are read loosely in assertions
type Session = any;
const session = async (s: TestServer, id: string): Promise<Session> => body(await s.api(`/api/debug/sessions/${id}`));
const pausedAt = (s: TestServer, id: string, nodeId: string) => eventually(`the session to pause at ${nodeId}`, async () => {
  const current = await session(s, id);
  return current.status === 'paused' && current.paused.nodeId === nodeId ? current : undefined;
});
const command = (s: TestServer, id: string, name: string) => s.api(`/api/debug/sessions/${id}/commands`, { method: 'POST', json: { command: name } });
const sessionForEvent = (s: TestServer, eventId: string) =>
  eventually(`a debug session for ${eventId}`, async () => ((await body(await s.api('/api/debug/sessions'))).sessions as Session[]).find((x) => x.eventId === eventId));
const runsOf = async (s: TestServer, eventId: string) => ((await body(await s.api('/api/runs?flow=CB_OrderPlaced&limit=100'))).runs as Array<{ status: string; eventId?: string; error?: { kind: string } }>).filter((r) => r.eventId === eventId);
const inboxDone = (s: TestServer, id: string) => eventually(`event ${id} to be done`, async () => ((await s.storage.inbox.get(id))?.status === 'done' ? s.storage.inbox.get(id) : undefined));

describe.each([
  ['in a worker of its own', {}],
  ['in the server thread (workers.count 0)', { workers: { count: 0 } }],
])('a debug run started by hand, %s', (_where, settings) => {
  it('pauses at the breakpoint with the variables, steps over one node, and continues to a complete trace', async () => {
    const s = await start({ settings });
    const started = await s.api('/api/debug/sessions', { method: 'POST', json: { flow: 'ACT_Sum', parameters: { N: 4 }, breakpoints: [{ flow: 'ACT_Sum', nodeId: 'b' }] } });
    expect(started.status).toBe(201);
    const { id } = await body(started);
    const paused = await pausedAt(s, id, 'b');
    expect(paused.paused.variables).toEqual([
      { name: 'N', type: 'Integer', value: 4 },
      { name: 'A', type: 'Integer', value: 5 },
    ]);
    expect((await command(s, id, 'stepOver')).status).toBe(200);
    const next = await pausedAt(s, id, 'end');
    expect(next.paused.reason).toBe('step');
    expect(next.paused.variables).toContainEqual({ name: 'B', type: 'Integer', value: 10 });
    await command(s, id, 'continue');
    const done = await eventually('the session to finish', async () => {
      const current = await session(s, id);
      return current.status === 'finished' ? current : undefined;
    });
    expect(done.runStatus).toBe('succeeded');
    const record = await body(await s.api(`/api/runs/${done.runId}`));
    expect(record.result).toBe(10);
    expect(record.trace.map((t: { nodeId: string }) => t.nodeId)).toEqual(['start', 'a', 'b', 'end']);
  });
});

describe('a paused debug run', () => {
  it('takes no worker slot, and neither its time limit nor the watchdog counts the time paused', async () => {
    const s = await start({ settings: { workers: { count: 1, runsPerWorker: 1, graceMs: 100 }, limits: { runTimeMs: 300 } } });
    // A first run loads and compiles the flow in the pool's worker; on a loaded machine that alone can
    // take most of the 300 ms limit, so the run checked below is not the first.
    await s.api('/api/flows/ACT_Sum/runs', { method: 'POST', json: { parameters: { N: 1 } } });
    const { id } = await body(await s.api('/api/debug/sessions', { method: 'POST', json: { flow: 'ACT_Sum', parameters: { N: 1 }, breakpoints: [{ flow: 'ACT_Sum', nodeId: 'b' }] } }));
    await pausedAt(s, id, 'b');
    // The pool's one slot is free: a normal run goes through while the debug run is paused.
    const normal = await s.api('/api/flows/ACT_Sum/runs', { method: 'POST', json: { parameters: { N: 2 } } });
    const normalRun = await body(normal);
    expect(normalRun, JSON.stringify(normalRun.error)).toMatchObject({ status: 'succeeded', result: 6 });
    await new Promise((r) => setTimeout(r, 1_000));
    const still = await session(s, id);
    expect(still.error ?? null).toBeNull();
    expect(still.status).toBe('paused');
    await command(s, id, 'continue');
    const done = await eventually('the session to finish', async () => {
      const current = await session(s, id);
      return current.status === 'finished' ? current : undefined;
    });
    expect(done.runStatus).toBe('succeeded');
  });
});

describe('the debug API', () => {
  it('refuses a bad condition, an unknown flow, and a step command for a run that is not paused', async () => {
    const s = await start();
    const bad = await s.api('/api/debug/sessions', { method: 'POST', json: { flow: 'ACT_Sum', breakpoints: [{ flow: 'ACT_Sum', nodeId: 'b', condition: '$A >' }] } });
    expect(bad.status).toBe(422);
    expect(await body(bad)).toMatchObject({ error: 'InvalidBreakpoint' });
    expect((await s.api('/api/debug/sessions', { method: 'POST', json: { flow: 'ACT_Nope' } })).status).toBe(404);
    const unknown = await command(s, 'no-such-session', 'continue');
    expect(unknown.status).toBe(404);
    const { id } = await body(await s.api('/api/debug/sessions', { method: 'POST', json: { flow: 'ACT_Sum', parameters: { N: 1 }, breakpoints: [] } }));
    await eventually('the run to finish', async () => (await session(s, id)).status === 'finished');
    expect((await command(s, id, 'stepOver')).status).toBe(409);
    const wrong = await command(s, id, 'jump');
    expect(wrong.status).toBe(400);
  });

  it('arms one flow at a time, shows the arm, and expires or disarms it', async () => {
    const s = await start();
    expect((await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: { breakpoints: [] } })).status).toBe(200);
    const again = await body(await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: { breakpoints: [{ flow: 'CB_OrderPlaced', nodeId: 'log' }], expiresInSeconds: 10 } }));
    expect(again.breakpoints).toHaveLength(1);
    const arms = (await body(await s.api('/api/debug/arms'))).arms;
    expect(arms).toHaveLength(1);
    expect(Date.parse(arms[0].expiresAt) - Date.parse(arms[0].armedAt)).toBe(10_000);
    expect((await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'DELETE' })).status).toBe(204);
    expect((await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'DELETE' })).status).toBe(404);
    expect((await s.api('/api/debug/arms/ACT_Nope', { method: 'PUT', json: {} })).status).toBe(404);
  });

  it('is off in production mode', async () => {
    const s = await start({ config: { mode: 'production' } });
    const res = await s.api('/api/debug/sessions');
    expect(res.status).toBe(403);
    expect(await body(res)).toMatchObject({ error: 'DebuggerOff' });
    expect((await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: {} })).status).toBe(403);
  });

  it('needs the admin token when the server has one', async () => {
    const token = 'f3a9c1d7e5b2408a9c6d1e7f2b3a4c5d';
    const s = await start({ config: { adminToken: token } });
    expect((await s.api('/api/debug/sessions')).status).toBe(401);
    expect((await s.api('/api/debug/sessions', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

describe('a debugged event callback', () => {
  it('runs under the debugger when its flow is armed, while the next event is dispatched and finishes normally', async () => {
    const s = await start();
    await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: { breakpoints: [{ flow: 'CB_OrderPlaced', nodeId: 'log' }] } });
    expect((await post(s, 'ev-debug')).status).toBe(202);
    const debugged = await sessionForEvent(s, 'ev-debug');
    const paused = await pausedAt(s, debugged.id, 'log');
    expect(paused.trigger).toBe('event');
    const request = paused.paused.variables.find((v: { name: string }) => v.name === 'HttpRequest');
    expect(request.type).toBe('HttpRequest');
    expect(request.value.event.detail).toEqual({ orderId: 'o-ev-debug', total: 42 });
    expect((await body(await s.api('/api/debug/arms'))).arms).toEqual([]);

    // The arm was taken: the next event runs normally, and finishes while the first is still paused.
    await post(s, 'ev-normal');
    await inboxDone(s, 'ev-normal');
    expect((await session(s, debugged.id)).status).toBe('paused');
    expect((await s.storage.inbox.get('ev-debug'))?.status).toBe('routed');

    await command(s, debugged.id, 'continue');
    const entry = await inboxDone(s, 'ev-debug');
    expect(await runsOf(s, 'ev-debug')).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    const record = await body(await s.api(`/api/runs/${entry!.runId}`));
    expect(record.trace.map((t: { nodeId: string }) => t.nodeId)).toEqual(['start', 'order-id', 'log', 'end']);
  });

  it('stopped in the debugger, is retried normally and completes exactly once', async () => {
    const s = await start();
    await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: { breakpoints: [{ flow: 'CB_OrderPlaced', nodeId: 'order-id' }] } });
    await post(s, 'ev-stop');
    const debugged = await sessionForEvent(s, 'ev-stop');
    await pausedAt(s, debugged.id, 'order-id');
    await command(s, debugged.id, 'stop');
    await inboxDone(s, 'ev-stop');
    const runs = await runsOf(s, 'ev-stop');
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    expect(runs.filter((r) => r.status === 'failed').map((r) => r.error?.kind)).toEqual(['Stopped']);
  });

  it('resumes by itself after the pause timeout of the settings', async () => {
    const s = await start({ settings: { debugger: { pauseTimeoutSeconds: 1 } } });
    await s.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: { breakpoints: [{ flow: 'CB_OrderPlaced', nodeId: 'log' }] } });
    await post(s, 'ev-forgotten');
    const debugged = await sessionForEvent(s, 'ev-forgotten');
    const paused = await pausedAt(s, debugged.id, 'log');
    expect(Date.parse(paused.paused.timesOutAt) - Date.parse(paused.paused.pausedAt)).toBe(1000);
    await inboxDone(s, 'ev-forgotten');
    expect(await runsOf(s, 'ev-forgotten')).toEqual([expect.objectContaining({ status: 'succeeded' })]);
  });

  it('is dispatched exactly once across a server restart while it is paused', async () => {
    const workspace = await tempDir();
    const first = await startTestServer({ workspace, files: files(), env: { FLOWBRIDGE_EVENTBRIDGE_APIKEY: API_KEY }, modules: [eventEndpointModule] });
    await first.storage.routing.put('OrderPlaced', 'CB_OrderPlaced');
    await first.api('/api/debug/arms/CB_OrderPlaced', { method: 'PUT', json: { breakpoints: [{ flow: 'CB_OrderPlaced', nodeId: 'log' }] } });
    await post(first, 'ev-restart');
    const debugged = await sessionForEvent(first, 'ev-restart');
    await pausedAt(first, debugged.id, 'log');
    await first.close();

    const second = await start({ workspace });
    const entry = await inboxDone(second, 'ev-restart');
    // Give a wrongly repeated dispatch the time to show up.
    await new Promise((r) => setTimeout(r, 500));
    const runs = await runsOf(second, 'ev-restart');
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    expect(runs.every((r) => r.status !== 'running')).toBe(true);
    expect((await second.storage.inbox.get('ev-restart'))?.runId).toBe(entry!.runId);
  });
});

describe('the debugger settings', () => {
  it('take a pause timeout, its action, the arm time and the session limit, and name a wrong field', async () => {
    const { parseSettings } = await import('../src/config/settings.js');
    expect(parseSettings({ debugger: { pauseTimeoutSeconds: 30, onPauseTimeout: 'stop' } }, 'settings.json').debugger).toEqual({ enabled: true, pauseTimeoutSeconds: 30, onPauseTimeout: 'stop', armSeconds: 600, maxSessions: 4 });
    expect(() => parseSettings({ debugger: { onPauseTimeout: 'wait' } }, 'settings.json')).toThrow(/debugger.onPauseTimeout.*"continue" or "stop"/);
    expect(() => parseSettings({ debugger: { pauseTimeoutSeconds: 0 } }, 'settings.json')).toThrow(/debugger.pauseTimeoutSeconds/);
    expect(() => parseSettings({ debugger: { breakOnStart: true } }, 'settings.json')).toThrow(/debugger.breakOnStart/);
  });
});
