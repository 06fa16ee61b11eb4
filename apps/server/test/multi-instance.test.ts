/**
 * Several servers on one PostgreSQL (`DATABASE_URL`), and production mode's read-only workspace.
 * Needs the PostgreSQL of this machine and CI (127.0.0.1:5432); unreachable means failing, not skipping.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { awsAuthModule } from '@flowbridge/connector-aws-auth';
import { eventBridgeModule } from '@flowbridge/connector-eventbridge';
import { coreRuntimeModule, createEngine } from '@flowbridge/runtime';
import { readServerConfig } from '../src/config/server-config.js';
import { eventEndpointModule, runTimeoutMs } from '../src/event-endpoint/event-endpoint-module.js';
import { changesWorkspace } from '../src/http/read-only-workspace.js';
import { dropTestSchema, TEST_DATABASE_URL as DATABASE_URL, uniqueSchema, withTestDatabase } from './support/test-database.js';
import { body, loggingFlow, startTestServer, tempDir, type TestServer } from './support/test-server.js';

const API_KEY = 'local-test-key-0123456789';

const servers: TestServer[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  // Without PostgreSQL the test has already failed saying so; the drop would only repeat it.
  for (const schema of schemas.splice(0)) await dropTestSchema(schema).catch(() => undefined);
});

function callbackFlow(name: string): string {
  return JSON.stringify({
    formatVersion: 1,
    name,
    parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }],
    nodes: [
      { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: 'event {{ $HttpRequest.event.id }}' } },
      { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
      { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
    ],
    annotations: [],
  });
}

/** A server of a cluster: its own workspace folder, the shared database schema. */
async function instance(schema: string, mode: 'development' | 'production' = 'production'): Promise<TestServer> {
  // Unreachable PostgreSQL fails the test with the reason and what to do (it never skips).
  await withTestDatabase(async (c) => void (await c.query('SELECT 1')));
  const server = await startTestServer({
    files: {
      'flows/CB_Order.json': callbackFlow('CB_Order'),
      'flows/Hello.json': JSON.stringify(loggingFlow('Hello')),
      'constants.json': JSON.stringify({ 'EventBridge.APIKey': { secret: true }, 'App.Greeting': { type: 'String', value: 'hi' } }),
      'settings.json': JSON.stringify({ eventEndpoint: { retryDelayMs: 20 } }),
    },
    config: { databaseUrl: `${DATABASE_URL}?schema=${schema}`, mode },
    env: { FLOWBRIDGE_EVENTBRIDGE_APIKEY: API_KEY },
    engine: createEngine([coreRuntimeModule, awsAuthModule, eventBridgeModule]),
    modules: [eventEndpointModule],
  });
  servers.push(server);
  return server;
}

function newSchema(): string {
  const schema = uniqueSchema();
  schemas.push(schema);
  return schema;
}

const post = (s: TestServer, id: string) =>
  fetch(`${s.url}/rest/EventBridge/v1/event`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ version: '0', id, 'detail-type': 'OrderPlaced', source: 'shop', account: '0', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: {} }),
  });

async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Servers starting and dispatching on a machine busy with other work can take longer than vitest's 5 s default.
describe('several instances on one PostgreSQL', { timeout: 30_000 }, () => {
  it('events posted to any instance, and redelivered to another, each complete exactly one callback run', async () => {
    const schema = newSchema();
    const a = await instance(schema);
    const b = await instance(schema);
    expect(a.storage.description).toContain(`?schema=${schema}`);
    await a.storage.routing.put('OrderPlaced', 'CB_Order');
    const ids = Array.from({ length: 60 }, (_, i) => `ev-${i}`);
    const answers = await Promise.all(ids.flatMap((id, i) => [post(i % 2 ? a : b, id), post(i % 2 ? b : a, id)]));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(60);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    await eventually('every event done', async () => (await a.storage.inbox.counts()).done === 60);
    for (const id of ids) {
      const runs = await a.storage.runs.forEvent(id);
      expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    }
  });

  it('takes over an event whose claiming instance died, once the lease has ended', async () => {
    const schema = newSchema();
    const a = await instance(schema);
    await a.storage.routing.put('OrderPlaced', 'CB_Order');
    // A "dead instance" claims the event with a short lease and never finishes it.
    await a.storage.inbox.receive({ id: 'orphan', detailType: 'OrderPlaced', source: 'shop', event: { id: 'orphan' } });
    const claimed = await a.storage.inbox.claim({ now: new Date().toISOString(), limit: 1, owner: 'dead-instance', leaseUntil: new Date(Date.now() + 400).toISOString() });
    expect(claimed.map((e) => e.id)).toEqual(['orphan']);
    const done = await eventually('the orphan to be taken over and done', async () => {
      const entry = await a.storage.inbox.get('orphan');
      return entry?.status === 'done' ? entry : undefined;
    });
    expect(done.attempts).toBe(2);
    expect((await a.storage.runs.forEvent('orphan')).filter((r) => r.status === 'succeeded')).toHaveLength(1);
  });

  it('an event whose dead claimer had completed the run is marked done without running the callback again', async () => {
    const schema = newSchema();
    const a = await instance(schema);
    await a.storage.routing.put('OrderPlaced', 'CB_Order');
    await a.storage.inbox.receive({ id: 'finished', detailType: 'OrderPlaced', source: 'shop', event: { id: 'finished' } });
    await a.storage.inbox.claim({ now: new Date().toISOString(), limit: 1, owner: 'dead-instance', leaseUntil: new Date(Date.now() + 400).toISOString() });
    // The dead instance recorded its succeeded run, then died before releasing the entry.
    const now = new Date().toISOString();
    await a.storage.runs.insert({ id: 'run-by-dead', flow: 'CB_Order', status: 'succeeded', trigger: 'event', eventId: 'finished', startedAt: now, endedAt: now, logs: [], trace: [] });
    const done = await eventually('the entry to be done', async () => {
      const entry = await a.storage.inbox.get('finished');
      return entry?.status === 'done' ? entry : undefined;
    });
    expect(done.runId).toBe('run-by-dead');
    expect((await a.storage.runs.forEvent('finished')).map((r) => r.id)).toEqual(['run-by-dead']);
  });

  it('an event whose dead claimer was mid-run is run again once: one succeeded run next to the interrupted one', async () => {
    const schema = newSchema();
    const a = await instance(schema);
    await a.storage.routing.put('OrderPlaced', 'CB_Order');
    await a.storage.inbox.receive({ id: 'interrupted', detailType: 'OrderPlaced', source: 'shop', event: { id: 'interrupted' } });
    await a.storage.inbox.claim({ now: new Date().toISOString(), limit: 1, owner: 'dead-instance', leaseUntil: new Date(Date.now() + 400).toISOString() });
    await a.storage.runs.insert({ id: 'run-cut-short', flow: 'CB_Order', status: 'running', trigger: 'event', eventId: 'interrupted', startedAt: new Date().toISOString(), logs: [], trace: [] });
    await eventually('the entry to be done', async () => (await a.storage.inbox.get('interrupted'))?.status === 'done');
    const runs = await a.storage.runs.forEvent('interrupted');
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    expect(runs.find((r) => r.id === 'run-cut-short')?.status).toBe('running');
    // The next instance to start marks the cut-short run interrupted: its lease has ended.
    const b = await instance(schema);
    expect((await b.storage.runs.get('run-cut-short'))?.status).toBe('interrupted');
  });
});

describe('production mode', { timeout: 30_000 }, () => {
  it('refuses changes to flows and constants with 403, tells the editor it is read-only, and still runs flows', async () => {
    const s = await instance(newSchema());
    expect(await body(await s.api('/api/info'))).toMatchObject({ mode: 'production', readOnly: true, storage: 'shared' });
    const refusals = [
      await s.api('/api/flows/Hello', { method: 'PUT', json: loggingFlow('Hello', 'changed') }),
      await s.api('/api/flows/New', { method: 'PUT', json: loggingFlow('New') }),
      await s.api('/api/flows/Hello', { method: 'DELETE' }),
      await s.api('/api/flows/Hello/rename', { method: 'POST', json: { newName: 'Other' } }),
      await s.api('/api/flows/Hello/duplicate', { method: 'POST', json: { newName: 'Copy' } }),
      await s.api('/api/constants/App.Greeting', { method: 'PUT', json: { value: 'changed' } }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(403);
      const error = await body(res);
      expect(error.error).toBe('ReadOnlyWorkspace');
      expect(error.message).toMatch(/FLOWBRIDGE_MODE=production/);
    }
    expect((await s.api('/api/flows/Hello')).status).toBe(200);
    const run = await s.api('/api/flows/Hello/runs', { method: 'POST', json: {} });
    expect(run.status).toBeLessThan(300);
  });

  it('development mode (the default) leaves the workspace editable and says so', async () => {
    const s = await startTestServer({ files: { 'flows/Hello.json': JSON.stringify(loggingFlow('Hello')) } });
    servers.push(s);
    expect(await body(await s.api('/api/info'))).toMatchObject({ mode: 'development', readOnly: false, storage: 'embedded' });
    expect((await s.api('/api/flows/Hello/duplicate', { method: 'POST', json: { newName: 'Copy' } })).status).toBeLessThan(300);
  });

  it('knows which requests change the workspace', () => {
    expect(changesWorkspace('PUT', '/flows/A')).toBe(true);
    expect(changesWorkspace('post', '/flows/A/rename')).toBe(true);
    expect(changesWorkspace('POST', '/flows/A/runs')).toBe(false);
    expect(changesWorkspace('POST', '/inbox/replay')).toBe(false);
    expect(changesWorkspace('GET', '/constants')).toBe(false);
  });
});

describe('configuration', () => {
  it('reads DATABASE_URL and FLOWBRIDGE_MODE, naming the variable when one is wrong', async () => {
    const cwd = await tempDir();
    expect(readServerConfig({}, cwd)).toMatchObject({ mode: 'development' });
    expect(readServerConfig({}, cwd).databaseUrl).toBeUndefined();
    expect(readServerConfig({ DATABASE_URL: 'postgres://u@db:5432/flows', FLOWBRIDGE_MODE: 'production' }, cwd)).toMatchObject({ databaseUrl: 'postgres://u@db:5432/flows', mode: 'production' });
    expect(() => readServerConfig({ DATABASE_URL: 'mysql://u@db/flows' }, cwd)).toThrow(/DATABASE_URL/);
    expect(() => readServerConfig({ FLOWBRIDGE_MODE: 'prod' }, cwd)).toThrow(/FLOWBRIDGE_MODE.*"development" or "production"/);
  });

  it('aborts a callback run before its claim lease ends', () => {
    expect(runTimeoutMs(600_000)).toBe(540_000);
    expect(runTimeoutMs(10_000)).toBe(9_000);
  });
});
