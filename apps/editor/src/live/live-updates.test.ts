import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { useEditor } from '../store/editor-store';
import { applyLiveEvent } from './live-updates';

beforeEach(() => {
  useEditor.setState({ runs: [], activeRunId: null, inboxVersion: 0 });
  useEditor.getState().load(createEmptyFlow('CB_Order'), 'CB_Order');
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ id: 'r1', flow: 'CB_Order', status: 'succeeded', result: 42, logs: [], trace: [] }), { status: 200 }));
});
afterEach(() => vi.unstubAllGlobals());

describe('live updates', () => {
  it('a run of the open flow appears when it starts, grows step by step, and is shown', () => {
    applyLiveEvent('run.started', { id: 'r1', flow: 'CB_Order', status: 'running' });
    applyLiveEvent('run.step', { runId: 'r1', flow: 'CB_Order', step: { nodeId: 'start', port: 'out', durationMs: 0 } });
    applyLiveEvent('run.log', { runId: 'r1', flow: 'CB_Order', line: { time: 't', level: 'info', nodeId: 'n1', message: 'hello' } });
    const { runs, activeRunId } = useEditor.getState();
    expect(activeRunId).toBe('r1');
    expect(runs[0]).toMatchObject({ id: 'r1', status: 'running', trace: [{ nodeId: 'start' }], logs: [{ message: 'hello' }] });
  });

  it('a finished run is completed from the server, result included', async () => {
    applyLiveEvent('run.started', { id: 'r1', flow: 'CB_Order', status: 'running' });
    applyLiveEvent('run.finished', { id: 'r1', flow: 'CB_Order', status: 'succeeded' });
    expect(useEditor.getState().runs[0]!.status).toBe('succeeded');
    await vi.waitFor(() => expect(useEditor.getState().runs[0]!.result).toBe(42));
  });

  it('a run of another flow is listed but does not take over the view', () => {
    applyLiveEvent('run.started', { id: 'r2', flow: 'ACT_Other', status: 'running' });
    expect(useEditor.getState().activeRunId).toBeNull();
    expect(useEditor.getState().runs.map((r) => r.id)).toEqual(['r2']);
  });

  it('an inbox change tells an open inbox view to reload', () => {
    applyLiveEvent('inbox.changed', { ids: ['e1'] });
    expect(useEditor.getState().inboxVersion).toBe(1);
  });
});
