import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { applyLiveEvent } from '../live/live-updates';
import { useEditor } from '../store/editor-store';

beforeEach(() => {
  useEditor.setState({ runs: [], activeRunId: null });
  useEditor.getState().load(createEmptyFlow('CB_Order'), 'CB_Order');
});

describe('callback runs over the live stream', () => {
  it('a run started by an event is marked with its trigger and event as soon as it starts', () => {
    applyLiveEvent('run.started', { id: 'r9', flow: 'CB_Order', status: 'running', trigger: 'event', eventId: 'evt-1', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(useEditor.getState().runs[0]).toMatchObject({ id: 'r9', trigger: 'event', eventId: 'evt-1', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(useEditor.getState().activeRunId).toBe('r9');
  });
});
