import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import type { RunRecord } from '../api/client';
import { baseCatalogue } from '../connectors';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { runVariables } from '../runs/run-variables';
import { ExpressionPreview, PREVIEW_DELAY_MS } from '../expression/ExpressionPreview';
import { PropertyPanel } from './PropertyPanel';
import { EditorAppProvider } from '../app/EditorAppProvider';

let store = createEditorStore();

/** Start → Create Variable Total → Decision (true → Log, false → End). */
function flow(): FlowDocument {
  const base = createEmptyFlow('ACT_Data');
  return {
    ...base,
    parameters: [{ name: 'OrderId', type: 'String' }],
    nodes: [
      ...base.nodes,
      { id: 'total', kind: 'core.CreateVariable', position: { x: 200, y: 0 }, config: { variableName: 'Total', type: 'Decimal', value: '120' } },
      { id: 'big', kind: 'core.Decision', position: { x: 400, y: 0 }, config: { condition: '$Total > 100' } },
      { id: 'log', kind: 'core.LogMessage', position: { x: 600, y: -80 }, config: { level: 'info', message: 'big {{ $OrderId }}' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'total' },
      { id: 'e2', source: 'total', sourcePort: 'out', target: 'big' },
      { id: 'e3', source: 'big', sourcePort: 'true', target: 'log' },
      { id: 'e4', source: 'big', sourcePort: 'false', target: 'end' },
      { id: 'e5', source: 'log', sourcePort: 'out', target: 'end' },
    ],
  };
}

const step = (nodeId: string, kind: string, extra: Partial<RunRecord['trace'][number]> = {}) => ({ nodeId, kind, startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:00Z', durationMs: 3, ...extra });

/** A finished run that went start → total → big (false) → end. */
const run: RunRecord = {
  id: 'a1b2c3d4-0000-4000-8000-000000000000',
  flow: 'ACT_Data',
  status: 'succeeded',
  trigger: 'manual',
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: '2026-01-01T00:00:01Z',
  parameters: { OrderId: 'o-7' },
  logs: [],
  trace: [step('start', 'core.Start'), step('total', 'core.CreateVariable', { inputs: { value: 80 }, output: 80 }), step('big', 'core.Decision', { inputs: { condition: false }, port: 'false' }), step('end', 'core.End')],
};

beforeEach(() => {
  store = createEditorStore();
  store.getState().load(flow(), 'ACT_Data');
  store.getState().addRun(run);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('last-run data in the property panel', () => {
  it("shows the selected node's input and output from the shown run", () => {
    store.getState().select(['total']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.getByText(/Data from run a1b2c3d4/)).toBeTruthy();
    expect(screen.getByTestId('last-run-output').textContent).toBe('80');
    expect(screen.getByTestId('last-run-input').textContent).toContain('"value": 80');
  });

  it('says when the node did not run', () => {
    store.getState().select(['log']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.getByText('This node did not run in run a1b2c3d4.')).toBeTruthy();
  });

  it('says why a succeeded callback run with a compact trace shows no input or output', () => {
    const compact: RunRecord = {
      ...run,
      id: 'c0c0c0c0-0000-4000-8000-000000000000',
      trigger: 'event',
      eventId: 'ev-1',
      traceCompact: true,
      trace: run.trace.map(({ inputs: _inputs, output: _output, ...kept }) => kept),
    };
    store.getState().addRun(compact);
    store.getState().select(['total']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.getByText(/Data from run c0c0c0c0/)).toBeTruthy();
    expect(screen.getByTestId('last-run-compact').textContent).toContain('set eventEndpoint.callbackTrace to "full"');
    expect(screen.queryByTestId('last-run-input')).toBeNull();
    expect(screen.getByText('3 ms')).toBeTruthy();
  });

  it('shows no compact-trace note for a run with its full trace', () => {
    store.getState().select(['total']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.queryByTestId('last-run-compact')).toBeNull();
  });

  it('shows nothing about runs before the flow has run', () => {
    store.getState().load(flow(), 'ACT_Data');
    store.setState({ runs: [] });
    store.getState().select(['total']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.queryByTestId('last-run')).toBeNull();
  });
});

describe('the variables of a run at a node', () => {
  it('are the parameters plus the outputs of the activities run before it', () => {
    expect(runVariables(run, flow(), baseCatalogue, 'big')).toEqual({ OrderId: 'o-7', Total: 80 });
    expect(runVariables(run, flow(), baseCatalogue, 'total')).toEqual({ OrderId: 'o-7' });
  });
});

describe('expression preview', () => {
  it("asks the server once typing pauses, with the shown run's variables at the node, and shows the value", async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify({ ok: true, value: false, durationMs: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const view = renderInEditor(store, <ExpressionPreview text="$Total > 10" template={false} nodeId="big" />);
    view.rerender(
      <EditorAppProvider app={view.app}>
        <ExpressionPreview text="$Total > 100" template={false} nodeId="big" />
      </EditorAppProvider>,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS + 10);
    });
    expect(sent).toEqual([{ expression: '$Total > 100', variables: { OrderId: 'o-7', Total: 80 }, flow: 'ACT_Data' }]);
    expect(screen.getByTestId('expression-preview-value').textContent).toBe('= false');
    expect(screen.getByText(/With run a1b2c3d4/)).toBeTruthy();
  });

  it("shows the server's error for an expression that fails", async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { kind: 'InvalidExpression', message: 'Unknown variable $Nope' }, durationMs: 1 }), { status: 200 }));
    renderInEditor(store, <ExpressionPreview text="$Nope" template={false} nodeId="big" />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PREVIEW_DELAY_MS + 10);
    });
    expect(screen.getByTestId('expression-preview-value').textContent).toBe('InvalidExpression: Unknown variable $Nope');
  });
});
