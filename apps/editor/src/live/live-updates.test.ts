import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { createEditorStore } from '../store/editor-store';
import { applyLiveEvent, streamUrl } from './live-updates';

// Each test gets a fresh editor store, as each mounted editor does.
let store = createEditorStore();
beforeEach(() => {
  store = createEditorStore();
});

beforeEach(() => {
  store.setState({ runs: [], activeRunId: null, inboxVersion: 0 });
  store.getState().load(createEmptyFlow('CB_Order'), 'CB_Order');
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ id: 'r1', flow: 'CB_Order', status: 'succeeded', result: 42, logs: [], trace: [] }), { status: 200 }));
});
afterEach(() => vi.unstubAllGlobals());

describe('live updates', () => {
  it('a run of the open flow appears when it starts, grows step by step, and is shown', () => {
    applyLiveEvent(store, 'run.started', { id: 'r1', flow: 'CB_Order', status: 'running' });
    applyLiveEvent(store, 'run.step', { runId: 'r1', flow: 'CB_Order', step: { nodeId: 'start', port: 'out', durationMs: 0 } });
    applyLiveEvent(store, 'run.log', { runId: 'r1', flow: 'CB_Order', line: { time: 't', level: 'info', nodeId: 'n1', message: 'hello' } });
    const { runs, activeRunId } = store.getState();
    expect(activeRunId).toBe('r1');
    expect(runs[0]).toMatchObject({ id: 'r1', status: 'running', trace: [{ nodeId: 'start' }], logs: [{ message: 'hello' }] });
  });

  it('a finished run is completed from the server, result included', async () => {
    applyLiveEvent(store, 'run.started', { id: 'r1', flow: 'CB_Order', status: 'running' });
    applyLiveEvent(store, 'run.finished', { id: 'r1', flow: 'CB_Order', status: 'succeeded' });
    expect(store.getState().runs[0]!.status).toBe('succeeded');
    await vi.waitFor(() => expect(store.getState().runs[0]!.result).toBe(42));
  });

  it('a run of another flow is listed but does not take over the view', () => {
    applyLiveEvent(store, 'run.started', { id: 'r2', flow: 'ACT_Other', status: 'running' });
    expect(store.getState().activeRunId).toBeNull();
    expect(store.getState().runs.map((r) => r.id)).toEqual(['r2']);
  });

  it('an inbox change tells an open inbox view to reload', () => {
    applyLiveEvent(store, 'inbox.changed', { ids: ['e1'] });
    expect(store.getState().inboxVersion).toBe(1);
  });
});

describe('resuming the live stream', () => {
  it('a resync reloads the inbox view and the runs still shown as running', async () => {
    applyLiveEvent(store, 'run.started', { id: 'r1', flow: 'CB_Order', status: 'running' });
    applyLiveEvent(store, 'resync', { reason: 'missed messages are no longer available' });
    expect(store.getState().inboxVersion).toBe(1);
    await vi.waitFor(() => expect(store.getState().runs[0]).toMatchObject({ status: 'succeeded', result: 42 }));
  });

  it('a reconnect by hand resumes after the last message seen, token kept', () => {
    expect(streamUrl(undefined)).toBe('/api/stream');
    expect(streamUrl('t k', 'abc-42')).toBe('/api/stream?access_token=t%20k&lastEventId=abc-42');
  });
});
