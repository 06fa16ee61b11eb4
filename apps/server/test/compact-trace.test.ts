import { describe, expect, it } from 'vitest';
import type { TraceStep } from '@flowbridge/runtime';
import { compactTrace } from '../src/runs/compact-trace.js';

const at = { startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.004Z', durationMs: 4 };

describe('compact trace', () => {
  it('keeps node, kind, timing, port, edge, error and loop counts, drops inputs and outputs, called flows included', () => {
    const trace: TraceStep[] = [
      { nodeId: 'a', kind: 'core.Assign', ...at, inputs: { value: 'big' }, output: 'big', port: 'out', edgeId: 'e1', omitted: [{ loopId: 'l', iterations: 3, steps: 6 }] },
      {
        nodeId: 'c',
        kind: 'core.CallFlow',
        ...at,
        inputs: { flow: 'SUB' },
        output: { ok: true },
        port: 'out',
        call: { flow: 'SUB', trace: [{ nodeId: 'x', kind: 'core.LogMessage', ...at, inputs: { message: 'secret-ish' }, error: { kind: 'Handled', message: 'caught' } }] },
      },
    ];
    expect(compactTrace(trace)).toEqual([
      { nodeId: 'a', kind: 'core.Assign', ...at, port: 'out', edgeId: 'e1', omitted: [{ loopId: 'l', iterations: 3, steps: 6 }] },
      { nodeId: 'c', kind: 'core.CallFlow', ...at, port: 'out', call: { flow: 'SUB', trace: [{ nodeId: 'x', kind: 'core.LogMessage', ...at, error: { kind: 'Handled', message: 'caught' } }] } },
    ]);
    expect(trace[0]!.inputs).toEqual({ value: 'big' });
  });
});
