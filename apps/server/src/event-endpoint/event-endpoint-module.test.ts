import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type WorkspaceSettings } from '../config/settings.js';
import { EventBus } from '../live/event-bus.js';
import { createMetrics } from '../observability/metrics.js';
import type { RunOutcome } from '../runs/flow-runner.js';
import type { ServerModule, ServerModuleContext } from '../server.js';
import { createSqliteStorage } from '../storage/sqlite-storage.js';
import type { RunRecord, Storage } from '../storage/storage.js';
import { createEventEndpointModule, installedEndpoints, runTimeoutMs } from './event-endpoint-module.js';

/** A runner whose runs wait until `finishAll`, counting how many wait at once; each stores its record through `storeFinished`. */
function gatedRunner() {
  let running = 0;
  let most = 0;
  const waiting: Array<() => void> = [];
  const timeouts: Array<number | undefined> = [];
  const runner = {
    async run(flow: string, _parameters: unknown, start: { eventId?: string; timeoutMs?: number; storeFinished?: (record: RunRecord, inserted: boolean) => Promise<void> }): Promise<RunOutcome> {
      timeouts.push(start.timeoutMs);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      const now = new Date().toISOString();
      const record: RunRecord = { id: `run-${start.eventId}`, flow, status: 'succeeded', trigger: 'event', eventId: start.eventId!, startedAt: now, endedAt: now, logs: [], trace: [] };
      await start.storeFinished?.(record, false);
      return { ok: true, record };
    },
  };
  return {
    runner,
    timeouts,
    waitingCount: () => waiting.length,
    most: () => most,
    finishAll: () => waiting.splice(0).forEach((resolve) => resolve()),
  };
}

let storage: Storage | undefined;
let module: ServerModule | undefined;
afterEach(async () => {
  await module?.stop?.();
  await storage?.close();
  module = storage = undefined;
});

async function startModule(dispatchConcurrency: number) {
  storage = createSqliteStorage(':memory:');
  await storage.routing.put('OrderPlaced', 'CB_Order');
  const gate = gatedRunner();
  const settings: WorkspaceSettings = { ...structuredClone(DEFAULT_SETTINGS), eventEndpoint: { ...DEFAULT_SETTINGS.eventEndpoint, dispatchConcurrency } };
  const document = { parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }] };
  const context = {
    storage,
    runner: gate.runner,
    catalog: { snapshot: async () => ({ get: () => ({ document }) }) },
    constants: { resolve: () => undefined },
    settings,
    metrics: createMetrics(storage.inbox, { defaultMetrics: false }),
    bus: new EventBus(),
    logger: pino({ level: 'silent' }),
  } as unknown as ServerModuleContext;
  module = createEventEndpointModule(installedEndpoints())(context);
  await module.start?.();
  return { gate, bus: context.bus };
}

const until = async (condition: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 300 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the event endpoint module', () => {
  it.each([1, 3])('keeps eventEndpoint.dispatchConcurrency (%i) callbacks in progress, no more', async (concurrency) => {
    const { gate, bus } = await startModule(concurrency);
    await storage!.inbox.receiveMany(Array.from({ length: 6 }, (_, i) => ({ id: `ev-${i}`, detailType: 'OrderPlaced', source: 'shop', event: { i } })));
    bus.publish('inbox.changed', { ids: [], status: 'pending' });
    await until(() => gate.waitingCount() === concurrency);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gate.waitingCount()).toBe(concurrency);
    const done = async () => (await storage!.inbox.counts()).done === 6;
    while (!(await done())) {
      gate.finishAll();
      await until(async () => gate.waitingCount() > 0 || (await done()));
    }
    expect(gate.most()).toBe(concurrency);
    // Each run record was written by the transaction that marked its event done.
    expect((await storage!.inbox.get('ev-0'))?.runId).toBe('run-ev-0');
    expect(await storage!.runs.succeededForEvent('ev-0')).toBe('run-ev-0');
  });

  it('routes each event by the binding its claim read, without a routing lookup per event', async () => {
    const { gate, bus } = await startModule(4);
    const lookups: string[] = [];
    const get = storage!.routing.get.bind(storage!.routing);
    storage!.routing.get = async (eventType: string) => {
      lookups.push(eventType);
      return get(eventType);
    };
    await storage!.inbox.receiveMany(Array.from({ length: 3 }, (_, i) => ({ id: `ev-${i}`, detailType: 'OrderPlaced', source: 'shop', event: { i } })));
    bus.publish('inbox.changed', { ids: [], status: 'pending' });
    await until(() => gate.waitingCount() === 3);
    gate.finishAll();
    await until(async () => (await storage!.inbox.counts()).done === 3);
    expect((await storage!.inbox.get('ev-2'))?.flow).toBe('CB_Order');
    expect(lookups).toEqual([]);
  });

  it('gives each callback run a time limit that ends before its claim lease does', async () => {
    const { gate, bus } = await startModule(2);
    await storage!.inbox.receiveMany([{ id: 'ev-t', detailType: 'OrderPlaced', source: 'shop', event: {} }]);
    bus.publish('inbox.changed', { ids: [], status: 'pending' });
    await until(() => gate.waitingCount() === 1);
    gate.finishAll();
    expect(gate.timeouts).toEqual([runTimeoutMs(DEFAULT_SETTINGS.eventEndpoint.claimLeaseSeconds * 1000)]);
  });
});
