import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../api/client';
import { compareRuns } from './compare-runs';

const run = (id: string, trace: RunRecord['trace'], result?: unknown): RunRecord => ({ id, flow: 'F', status: 'succeeded', logs: [], trace, result });

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
