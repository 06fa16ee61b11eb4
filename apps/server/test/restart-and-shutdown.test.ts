import { describe, expect, it } from 'vitest';
import { coreRuntimeModule, createEngine, type RuntimeModule } from '@flowbridge/runtime';
import { createSqliteStorage } from '../src/storage/sqlite-storage.js';
import { join } from 'node:path';
import { body, loggingFlow, startTestServer, tempDir } from './support/test-server.js';

describe('restart', () => {
  it('keeps flows, runs, constants and the inbox across a new server on the same workspace and data dir', async () => {
    const workspace = await tempDir();
    const first = await startTestServer({ workspace });
    await first.api('/api/flows/ACT_Survives', { method: 'PUT', json: loggingFlow('ACT_Survives') });
    const run = await body(await first.api('/api/flows/ACT_Survives/runs', { method: 'POST', json: {} }));
    await first.api('/api/constants/Shop.Region', { method: 'PUT', json: { value: 'eu-west-1' } });
    await first.api('/api/constants/Shop.Key', { method: 'PUT', json: { value: 'survives-restart', secret: true } });
    await first.storage.inbox.receive({ id: 'ev-keep', detailType: 'OrderPlaced', source: 'shop', event: { n: 1 } });
    await first.storage.inbox.transition('ev-keep', ['pending'], { status: 'dead', attempts: 3, error: 'boom' });
    await first.storage.routing.put('OrderPlaced', 'ACT_Survives');
    await first.close();

    const second = await startTestServer({ workspace });
    try {
      expect((await body(await second.api('/api/flows'))).flows.map((f: { name: string }) => f.name)).toEqual(['ACT_Survives']);
      const again = await body(await second.api(`/api/runs/${run.id}`));
      expect(again).toMatchObject({ id: run.id, status: 'succeeded', logs: [{ message: 'Hello 3' }] });
      expect((await body(await second.api('/api/inbox'))).events).toEqual([expect.objectContaining({ id: 'ev-keep', status: 'dead', attempts: 3, error: 'boom' })]);
      expect(await second.storage.routing.get('OrderPlaced')).toBe('ACT_Survives');
      const { constants } = await body(await second.api('/api/constants'));
      expect(constants).toContainEqual(expect.objectContaining({ name: 'Shop.Region', value: 'eu-west-1' }));
      expect(constants).toContainEqual(expect.objectContaining({ name: 'Shop.Key', secret: true, set: true }));
      // A redelivery after the restart is still recognised.
      expect((await second.storage.inbox.receive({ id: 'ev-keep', detailType: 'OrderPlaced', source: 'shop', event: {} })).duplicate).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('marks a run that was in progress when the process died as interrupted on the next start', async () => {
    const workspace = await tempDir();
    const storage = createSqliteStorage(join(workspace, 'data', 'flowbridge.db'));
    await storage.runs.insert({ id: 'crashed', flow: 'ACT_X', status: 'running', trigger: 'manual', startedAt: new Date().toISOString(), logs: [], trace: [] });
    await storage.close();
    const server = await startTestServer({ workspace });
    try {
      expect(await body(await server.api('/api/runs/crashed'))).toMatchObject({ status: 'interrupted', error: { kind: 'Interrupted' } });
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('stops accepting requests, finishes the run in progress and stores it before closing storage', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    const slowModule: RuntimeModule = {
      definitions: { activities: [{ kind: 'test.Wait', label: 'Wait', category: 'Test', icon: '…', description: 'Waits for the test', fields: [], ports: [{ id: 'out' }] }] },
      implementations: [
        {
          kind: 'test.Wait',
          async execute(ctx) {
            entered();
            await gate;
            ctx.log('info', 'released');
            return {};
          },
        },
      ],
    };
    const workspace = await tempDir();
    const server = await startTestServer({ workspace, engine: createEngine([coreRuntimeModule, slowModule]) });
    const flow = loggingFlow('ACT_Slow');
    flow.nodes[1] = { id: 'l', kind: 'test.Wait', position: { x: 200, y: 0 }, config: {} } as (typeof flow.nodes)[number];
    await server.api('/api/flows/ACT_Slow', { method: 'PUT', json: flow });
    const running = server.api('/api/flows/ACT_Slow/runs', { method: 'POST', json: {} });
    await started;

    const closed = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    release();
    const record = await body(await running);
    expect(record).toMatchObject({ status: 'succeeded', logs: [{ message: 'released' }] });
    await closed;

    const storage = createSqliteStorage(join(workspace, 'data', 'flowbridge.db'));
    expect(await storage.runs.get(record.id)).toMatchObject({ status: 'succeeded' });
    await storage.close();
  });
});

describe('shutdown grace period', () => {
  it('cancels a run that outlives the grace period and stores it as Cancelled', async () => {
    const neverEnds: RuntimeModule = {
      definitions: { activities: [{ kind: 'test.Hang', label: 'Hang', category: 'Test', icon: '…', description: 'Waits until cancelled', fields: [], ports: [{ id: 'out' }] }] },
      implementations: [
        {
          kind: 'test.Hang',
          execute: (ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true })),
        },
      ],
    };
    const workspace = await tempDir();
    const server = await startTestServer({ workspace, engine: createEngine([coreRuntimeModule, neverEnds]) });
    const flow = loggingFlow('ACT_Hang');
    flow.nodes[1] = { id: 'l', kind: 'test.Hang', position: { x: 200, y: 0 }, config: {} } as (typeof flow.nodes)[number];
    await server.api('/api/flows/ACT_Hang', { method: 'PUT', json: flow });
    const running = server.runner.run('ACT_Hang', {}, { trigger: 'manual' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.runner.drain(100);
    const outcome = await running;
    expect(outcome.ok && outcome.record).toMatchObject({ status: 'failed', error: { kind: 'Cancelled' } });
    expect(await server.storage.runs.get(outcome.ok ? outcome.record.id : '')).toMatchObject({ status: 'failed' });
    await server.close();
  });
});

describe('run retention', () => {
  it('removes finished runs beyond settings.runs at start-up, keeping the newest', async () => {
    const workspace = await tempDir();
    const storage = createSqliteStorage(join(workspace, 'data', 'flowbridge.db'));
    const ended = new Date().toISOString();
    for (const id of ['r1', 'r2', 'r3', 'r4']) await storage.runs.insert({ id, flow: 'ACT_X', status: 'succeeded', trigger: 'manual', startedAt: ended, endedAt: ended, logs: [], trace: [] });
    await storage.runs.insert({ id: 'ancient', flow: 'ACT_X', status: 'succeeded', trigger: 'manual', startedAt: '2001-01-01T00:00:00.000Z', endedAt: '2001-01-01T00:00:01.000Z', logs: [], trace: [] });
    await storage.close();
    const server = await startTestServer({ workspace, files: { 'settings.json': JSON.stringify({ runs: { maxAgeDays: 7, maxRuns: 2 } }) } });
    try {
      expect((await body(await server.api('/api/runs'))).runs.map((r: { id: string }) => r.id)).toEqual(['r4', 'r3']);
    } finally {
      await server.close();
    }
  });
});
