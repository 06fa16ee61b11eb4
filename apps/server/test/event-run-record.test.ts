/** When an event callback's run record is written: once for a short callback, early for a long one. */
import { describe, expect, it, vi } from 'vitest';
import { coreRuntimeModule, createEngine, type RuntimeModule } from '@flowbridge/runtime';
import { body, loggingFlow, startTestServer } from './support/test-server.js';

/** A `test.Wait` activity that finishes when the test says so, announcing that it started. */
function gatedModule() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const started = new Promise<void>((resolve) => (entered = resolve));
  const module: RuntimeModule = {
    definitions: { activities: [{ kind: 'test.Wait', label: 'Wait', category: 'Test', icon: '…', description: 'Waits for the test', fields: [], ports: [{ id: 'out' }] }] },
    implementations: [
      {
        kind: 'test.Wait',
        async execute() {
          entered();
          await gate;
          return {};
        },
      },
    ],
  };
  return { module, started, release };
}

/** A server running flows in its own thread, with the gated `test.Wait` activity, and `name` saved as Start → Wait → End. */
async function serverWithWaitingFlow(name: string) {
  const gated = gatedModule();
  const server = await startTestServer({ engine: createEngine([coreRuntimeModule, gated.module]) });
  const flow = loggingFlow(name);
  flow.nodes[1] = { id: 'l', kind: 'test.Wait', position: { x: 200, y: 0 }, config: {} } as (typeof flow.nodes)[number];
  await server.api(`/api/flows/${name}`, { method: 'PUT', json: flow });
  return { gated, server };
}

describe('event callback run records', () => {
  it('writes a short callback run once, already finished, instead of a running record and then its end', async () => {
    // Runs in the server's thread (a custom engine), so a loaded machine cannot stretch one past the delay.
    const server = await startTestServer({ engine: createEngine([coreRuntimeModule]) });
    try {
      await server.api('/api/flows/CB_Quick', { method: 'PUT', json: loggingFlow('CB_Quick', 'quick') });
      const insert = vi.spyOn(server.storage.runs, 'insert');
      const update = vi.spyOn(server.storage.runs, 'update');
      const outcome = await server.runner.run('CB_Quick', {}, { trigger: 'event', eventId: 'q1' });
      expect(outcome.ok).toBe(true);
      expect(insert).toHaveBeenCalledTimes(1);
      expect(insert.mock.calls[0]![0]).toMatchObject({ status: 'succeeded', eventId: 'q1' });
      expect(update).not.toHaveBeenCalled();
      expect(await body(await server.api(`/api/runs/${outcome.ok ? outcome.record.id : ''}`))).toMatchObject({ status: 'succeeded', logs: [{ message: 'quick' }] });
      // A person's run is recorded as running at once, as before.
      insert.mockClear();
      await server.runner.run('CB_Quick', {}, { trigger: 'manual' });
      expect(insert.mock.calls[0]![0]).toMatchObject({ status: 'running' });
      expect(update).toHaveBeenCalledTimes(1);
    } finally {
      await server.close();
    }
  });

  it('shows a long callback as running while it runs, then stores its end over that record', async () => {
    const { gated, server } = await serverWithWaitingFlow('CB_Long');
    try {
      const running = server.runner.run('CB_Long', {}, { trigger: 'event', eventId: 'l1' });
      await gated.started;
      await expect
        .poll(async () => (await body(await server.api('/api/runs?flow=CB_Long'))).runs.map((r: { status: string }) => r.status), { timeout: 5_000 })
        .toEqual(['running']);
      gated.release();
      const outcome = await running;
      const runs = (await body(await server.api('/api/runs?flow=CB_Long'))).runs;
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ id: outcome.ok ? outcome.record.id : '', status: 'succeeded', eventId: 'l1' });
    } finally {
      await server.close();
    }
  });

  it('ends a callback run that outlives its time limit as cancelled, so it never outlives its claim', async () => {
    const { gated, server } = await serverWithWaitingFlow('CB_Stuck');
    try {
      const started = Date.now();
      const outcome = await server.runner.run('CB_Stuck', {}, { trigger: 'event', eventId: 't1', timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(outcome.ok && outcome.record).toMatchObject({ status: 'failed', error: { kind: 'Cancelled' } });
    } finally {
      gated.release();
      await server.close();
    }
  });

  it("shows a compact callback's steps live without their inputs and outputs, as its record will keep them", async () => {
    const server = await startTestServer({ engine: createEngine([coreRuntimeModule]) });
    try {
      await server.api('/api/flows/CB_Live', { method: 'PUT', json: loggingFlow('CB_Live', 'live') });
      const steps: Array<Record<string, unknown>> = [];
      const unsubscribe = server.bus.subscribe('run.step', ({ step }) => steps.push(step as unknown as Record<string, unknown>));
      await server.runner.run('CB_Live', { order: { id: 7 } }, { trigger: 'event', eventId: 'c1', traceOnSuccess: 'compact' });
      await server.runner.run('CB_Live', { order: { id: 7 } }, { trigger: 'manual' });
      unsubscribe();
      const [compact, full] = [steps.slice(0, steps.length / 2), steps.slice(steps.length / 2)];
      expect(compact.length).toBeGreaterThan(0);
      expect(compact.every((step) => !('inputs' in step) && !('output' in step) && typeof step.nodeId === 'string')).toBe(true);
      expect(full.some((step) => 'inputs' in step || 'output' in step)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('runs many callbacks with time limits at once without warning of a listener leak', async () => {
    const { gated, server } = await serverWithWaitingFlow('CB_Many');
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const runs = Array.from({ length: 24 }, (_, i) => server.runner.run('CB_Many', {}, { trigger: 'event', eventId: `m${i}`, timeoutMs: 60_000 }));
      await gated.started;
      await new Promise((resolve) => setTimeout(resolve, 200));
      gated.release();
      expect((await Promise.all(runs)).every((outcome) => outcome.ok && outcome.record.status === 'succeeded')).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await server.close();
    }
  });
});
