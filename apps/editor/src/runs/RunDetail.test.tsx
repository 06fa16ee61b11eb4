import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import type { RunRecord } from '../api/client';
import { Canvas } from '../canvas/Canvas';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { RunDetail } from './RunDetail';

// Each test gets a fresh editor store, as each mounted editor does.
let store = createEditorStore();
beforeEach(() => {
  store = createEditorStore();
});

function branchingFlow(): FlowDocument {
  const base = createEmptyFlow('ACT_Branch');
  return {
    ...base,
    nodes: [
      ...base.nodes,
      { id: 'a', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: "'a'" }, label: 'Log A' },
      { id: 'b', kind: 'core.LogMessage', position: { x: 200, y: 120 }, config: { level: 'info', message: "'b'" }, label: 'Log B' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'a' },
      { id: 'e2', source: 'a', sourcePort: 'out', target: 'end' },
      { id: 'e3', source: 'start', sourcePort: 'out', target: 'b' },
    ],
  };
}

const run: RunRecord = {
  id: 'run-1234567890',
  flow: 'ACT_Branch',
  status: 'failed',
  trigger: 'manual',
  startedAt: '2026-01-01T00:00:00.000Z',
  logs: [],
  error: { kind: 'ActivityFailed', message: 'boom', activity: 'end' },
  trace: [
    { nodeId: 'start', kind: 'core.Start', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', durationMs: 0, port: 'out', edgeId: 'e1' },
    { nodeId: 'a', kind: 'core.LogMessage', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', durationMs: 3, port: 'out', edgeId: 'e2', inputs: { message: 'a' }, output: { logged: true } },
    { nodeId: 'end', kind: 'core.End', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, error: { kind: 'ActivityFailed', message: 'boom' } },
  ],
};

beforeEach(() => {
  store.getState().load(branchingFlow(), 'ACT_Branch');
  store.getState().addRun(run);
});
afterEach(cleanup);

describe('run detail', () => {
  it('lists each step with its duration and error, and shows inputs and output on demand', () => {
    renderInEditor(store, <RunDetail run={run} />);
    expect(screen.getByText('2. Log A')).toBeTruthy();
    expect(screen.getByText('3 ms')).toBeTruthy();
    expect(screen.getByText(/ActivityFailed: boom/)).toBeTruthy();
    expect(screen.queryByTestId('step-inputs')).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'details' })[0]!);
    expect(JSON.parse(screen.getByTestId('step-inputs').textContent!)).toEqual({ message: 'a' });
    expect(JSON.parse(screen.getByTestId('step-output').textContent!)).toEqual({ logged: true });
  });

  it('says a compact trace keeps no inputs or outputs, and still lists every step with its duration', () => {
    const compact: RunRecord = {
      ...run,
      id: 'run-compact-0001',
      status: 'succeeded',
      error: undefined,
      trigger: 'event',
      eventId: 'ev-1',
      traceCompact: true,
      trace: [run.trace[0]!, { ...run.trace[1]!, inputs: undefined, output: undefined }],
    };
    renderInEditor(store, <RunDetail run={compact} />);
    expect(screen.getByText('2. Log A')).toBeTruthy();
    expect(screen.getByText('3 ms')).toBeTruthy();
    expect(screen.getByTestId('run-trace-compact').textContent).toMatch(/not kept for successful callback runs; set eventEndpoint\.callbackTrace to "full"/);
    expect(screen.queryByRole('button', { name: 'details' })).toBeNull();
  });

  it('shows no compact-trace note for a full trace', () => {
    renderInEditor(store, <RunDetail run={run} />);
    expect(screen.queryByTestId('run-trace-compact')).toBeNull();
  });

  it('compares the shown run with another run of the flow, step by step', () => {
    const other: RunRecord = { ...run, id: 'run-other-0001', status: 'succeeded', error: undefined, trace: [run.trace[0]!, { nodeId: 'b', kind: 'core.LogMessage', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, port: 'out' }] };
    store.getState().addRun(other);
    renderInEditor(store, <RunDetail run={run} />);
    fireEvent.click(screen.getByRole('button', { name: 'Compare…' }));
    const table = screen.getByTestId('run-compare');
    expect(table.textContent).toContain('3 step(s) differ');
    expect(table.textContent).toContain('Different outcome');
    expect(table.querySelectorAll('tr.compare-only-left')).toHaveLength(1);
    expect(table.querySelectorAll('tr.compare-only-right')).toHaveLength(2);
  });

  it('picking a step selects its node', () => {
    renderInEditor(store, <RunDetail run={run} />);
    fireEvent.click(screen.getByText('2. Log A'));
    expect(store.getState().selection).toEqual(['a']);
  });
});

describe('trace overlay on the canvas', () => {
  it('lights the nodes and edges the shown run took, marks the failing node and dims the rest', () => {
    const { container } = renderInEditor(store, 
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <Canvas />
        </div>
      </ReactFlowProvider>,
    );
    expect(container.querySelector('.canvas.run-shown')).toBeTruthy();
    const classOf = (id: string) => container.querySelector(`.react-flow__node[data-id="${id}"] .activity-node`)?.className ?? '';
    expect(classOf('start')).toContain('visited');
    expect(classOf('a')).toContain('visited');
    expect(classOf('end')).toContain('failed');
    expect(classOf('b')).not.toContain('visited');
  });

  it('dims nothing when no run is shown', () => {
    store.getState().showRun(null);
    store.setState({ runs: [] });
    const { container } = renderInEditor(store, 
      <ReactFlowProvider>
        <Canvas />
      </ReactFlowProvider>,
    );
    expect(container.querySelector('.canvas')).toBeTruthy();
    expect(container.querySelector('.canvas.run-shown')).toBeNull();
  });
});
