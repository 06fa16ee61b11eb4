import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@flowbridge/flow-model';
import type { RunRecord, TraceStep } from '../api/client';
import { traceOverlay } from './trace-overlay';

const doc: FlowDocument = {
  formatVersion: 1,
  name: 'ACT_Decide',
  parameters: [],
  annotations: [],
  nodes: [
    { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'd', kind: 'core.Decision', position: { x: 100, y: 0 }, config: {} },
    { id: 'yes', kind: 'core.End', position: { x: 200, y: 0 }, config: {} },
    { id: 'no', kind: 'core.End', position: { x: 200, y: 100 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'd' },
    { id: 'e2', source: 'd', sourcePort: 'true', target: 'yes' },
    { id: 'e3', source: 'd', sourcePort: 'false', target: 'no' },
  ],
} as FlowDocument;

/** Test steps name only what the test is about; the rest of a step is filled in. */
type StepFixture = Partial<TraceStep> & { nodeId: string; durationMs: number };
const step = (s: StepFixture): TraceStep => ({ kind: 'core.Activity', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', ...s });
const run = (trace: StepFixture[], extra: Partial<RunRecord> = {}): RunRecord => ({ id: 'r1', flow: 'ACT_Decide', status: 'succeeded', trigger: 'manual', startedAt: '2026-01-01T00:00:00.000Z', logs: [], trace: trace.map(step), ...extra });

describe('traceOverlay', () => {
  it('lights nothing and dims nothing when no run is shown', () => {
    expect(traceOverlay(undefined, doc).active).toBe(false);
  });

  it('lights the nodes and edges the trace followed and leaves the other branch out', () => {
    const o = traceOverlay(run([{ nodeId: 'start', port: 'out', edgeId: 'e1', durationMs: 0 }, { nodeId: 'd', port: 'false', durationMs: 1 }, { nodeId: 'no', durationMs: 0 }]), doc);
    expect([...o.nodes].sort()).toEqual(['d', 'no', 'start']);
    expect([...o.edges].sort()).toEqual(['e1', 'e3']);
    expect(o.failedAt).toBeUndefined();
  });

  it('ignores an edge id the document no longer has and falls back to the port', () => {
    const o = traceOverlay(run([{ nodeId: 'start', port: 'out', edgeId: 'gone', durationMs: 0 }, { nodeId: 'd', durationMs: 0 }]), doc);
    expect([...o.edges]).toEqual(['e1']);
  });

  it('marks where a failed run stopped and keeps every step of a node run twice', () => {
    const o = traceOverlay(
      run(
        [
          { nodeId: 'd', port: 'true', durationMs: 1, output: 1 },
          { nodeId: 'd', durationMs: 2, error: { kind: 'ExpressionError', message: 'bad' } },
        ],
        { status: 'failed', error: { kind: 'ExpressionError', message: 'bad' } },
      ),
      doc,
    );
    expect(o.failedAt).toBe('d');
    expect(o.stepsByNode.get('d')?.map((s) => s.durationMs)).toEqual([1, 2]);
  });
});
