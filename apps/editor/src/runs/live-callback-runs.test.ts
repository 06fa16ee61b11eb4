import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { applyLiveEvent } from '../live/live-updates';
import { createEditorStore } from '../store/editor-store';

// Each test gets a fresh editor store, as each mounted editor does.
let store = createEditorStore();
beforeEach(() => {
  store = createEditorStore();
});

beforeEach(() => {
  store.setState({ runs: [], activeRunId: null });
  store.getState().load(createEmptyFlow('CB_Order'), 'CB_Order');
});

describe('callback runs over the live stream', () => {
  it('a run started by an event is marked with its trigger and event as soon as it starts', () => {
    applyLiveEvent(store, 'run.started', { id: 'r9', flow: 'CB_Order', status: 'running', trigger: 'event', eventId: 'evt-1', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(store.getState().runs[0]).toMatchObject({ id: 'r9', trigger: 'event', eventId: 'evt-1', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(store.getState().activeRunId).toBe('r9');
  });
});
