import { describe, expect, it } from 'vitest';
import type { RunRecord, TraceStep } from '../api/client';
import { compareRuns } from './compare-runs';

/** Test steps name only what the test is about; the rest of a step is filled in. */
type StepFixture = Partial<TraceStep> & { nodeId: string; durationMs: number };
const step = (s: StepFixture): TraceStep => ({ kind: 'core.Activity', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', ...s });
const run = (id: string, trace: StepFixture[], result?: unknown): RunRecord => ({ id, flow: 'F', status: 'succeeded', trigger: 'manual', startedAt: '2026-01-01T00:00:00.000Z', logs: [], trace: trace.map(step), result });

describe('compareRuns', () => {
  it('reports identical runs as the same outcome with nothing changed', () => {
    const trace = [{ nodeId: 'start', port: 'out', durationMs: 0 }, { nodeId: 'end', durationMs: 0 }];
    const c = compareRuns(run('a', trace, 1), run('b', trace, 1));
    expect(c.sameOutcome).toBe(true);
    expect(c.changedCount).toBe(0);
    expect(c.steps.map((s) => s.change)).toEqual(['same', 'same']);
  });

  it('names the inputs and port that differ on a shared step, ignoring durations', () => {
    const c = compareRuns(
      run('a', [{ nodeId: 'd', port: 'true', durationMs: 1, inputs: { amount: 5, currency: 'EUR' } }]),
      run('b', [{ nodeId: 'd', port: 'false', durationMs: 9, inputs: { amount: 50, currency: 'EUR' } }]),
    );
    expect(c.steps[0]).toMatchObject({ change: 'changed', differences: ['port', 'inputs.amount'] });
  });

  it('shows a branch taken by only one run as steps only that run has, aligned around the shared ones', () => {
    const c = compareRuns(
      run('a', [{ nodeId: 'start', durationMs: 0 }, { nodeId: 'yes', durationMs: 0 }, { nodeId: 'end', durationMs: 0 }], 'y'),
      run('b', [{ nodeId: 'start', durationMs: 0 }, { nodeId: 'no', durationMs: 0 }, { nodeId: 'log', durationMs: 0 }, { nodeId: 'end', durationMs: 0 }], 'n'),
    );
    expect(c.steps.map((s) => `${s.nodeId}:${s.change}`)).toEqual(['start:same', 'yes:only-left', 'no:only-right', 'log:only-right', 'end:same']);
    expect(c.sameOutcome).toBe(false);
    expect(c.changedCount).toBe(3);
  });
});

describe('only real differences count', () => {
  it('the same values with their keys in another order are the same', () => {
    const c = compareRuns(
      run('a', [{ nodeId: 'put', durationMs: 1, inputs: { entry: { source: 's', detail: { a: 1, b: [1, { x: 2, y: 3 }] } } }, output: { ok: true, n: 1 } }]),
      run('b', [{ nodeId: 'put', durationMs: 7, inputs: { entry: { detail: { b: [1, { y: 3, x: 2 }], a: 1 }, source: 's' } }, output: { n: 1, ok: true } }]),
    );
    expect(c.changedCount).toBe(0);
  });

  it('a value that really changed is still reported', () => {
    const c = compareRuns(run('a', [{ nodeId: 'put', durationMs: 1, output: { n: 1 } }]), run('b', [{ nodeId: 'put', durationMs: 1, output: { n: 2 } }]));
    expect(c.steps[0]).toMatchObject({ change: 'changed', differences: ['output'] });
  });
});
