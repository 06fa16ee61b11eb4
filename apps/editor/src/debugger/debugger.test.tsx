import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { DebugSession } from '@flowbridge/api-schema';
import type { FlowDocument } from '@flowbridge/flow-model';
import { createEditorApp, type EditorApp } from '../app/editor-app';
import { EditorAppProvider } from '../app/EditorAppProvider';
import { applyLiveEvent } from '../live/live-updates';
import { loadBreakpoints, toBreakpointList, withBreakpoint } from './breakpoints';
import { DebuggerPanel } from './DebuggerPanel';
import { debugKeyFor } from './debug-shortcuts';
import { followedSession } from './debug-slice';

const flow: FlowDocument = {
  formatVersion: 1,
  name: 'CB_Order',
  parameters: [],
  nodes: [
    { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'log', kind: 'core.LogMessage', label: 'Log it', position: { x: 200, y: 0 }, config: { level: 'info', message: 'x' } },
    { id: 'end', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
  ],
  edges: [],
  annotations: [],
};

const session = (over: Partial<DebugSession> = {}): DebugSession => ({ id: 's1', revision: 1, flow: 'CB_Order', status: 'running', trigger: 'event', eventId: 'ev-1', startedAt: '2026-01-01T00:00:00.000Z', breakpoints: [], ...over });
const paused = (nodeId: string, over: Partial<DebugSession> = {}): DebugSession =>
  session({
    status: 'paused',
    paused: {
      flow: 'CB_Order',
      nodeId,
      kind: 'core.LogMessage',
      label: 'Log it',
      depth: 0,
      stack: [],
      reason: 'breakpoint',
      variables: [{ name: 'HttpRequest', type: 'HttpRequest', value: { event: { detail: { orderId: 'A-1' } } } }],
      pausedAt: '2026-01-01T00:00:01.000Z',
      timesOutAt: '2026-01-01T00:05:01.000Z',
    },
    ...over,
  });

let app: EditorApp;
const sent: Array<{ method: string; url: string; body: unknown }> = [];
beforeEach(() => {
  sessionStorage.clear();
  sent.length = 0;
  app = createEditorApp();
  app.store.getState().load(flow, 'CB_Order');
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method: init.method ?? 'GET', url, body });
    return new Response(JSON.stringify(session({ status: 'running' })), { status: 200 });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('breakpoints', () => {
  it('are kept for the browser session, per flow and node, and sent with their conditions', () => {
    const store = app.store.getState();
    expect(store.toggleBreakpoint('CB_Order', 'log')).toBe(true);
    store.setBreakpointCondition('CB_Order', 'log', '$Total > 100');
    store.toggleBreakpoint('SUB_Other', 'n1');
    expect(loadBreakpoints()).toEqual({ CB_Order: { log: '$Total > 100' }, SUB_Other: { n1: '' } });
    expect(toBreakpointList(app.store.getState().breakpoints)).toEqual([
      { flow: 'CB_Order', nodeId: 'log', condition: '$Total > 100' },
      { flow: 'SUB_Other', nodeId: 'n1' },
    ]);
    app.store.getState().toggleBreakpoint('CB_Order', 'log');
    expect(loadBreakpoints()).toEqual({ SUB_Other: { n1: '' } });
    expect(withBreakpoint({}, 'F', 'n', undefined)).toEqual({});
  });

  it('toggle on the selected node with F9 and go to the running session', async () => {
    app.store.getState().applyDebugSession(session(), true);
    app.store.getState().select(['log']);
    app.actions.toggleBreakpointsOnSelection();
    expect(app.store.getState().breakpoints).toEqual({ CB_Order: { log: '' } });
    await vi.waitFor(() => expect(sent).toContainEqual({ method: 'PUT', url: '/api/debug/sessions/s1/breakpoints', body: { breakpoints: [{ flow: 'CB_Order', nodeId: 'log' }] } }));
  });
});

describe('debugger keys', () => {
  it('map F5, F9, F10, F11 and Shift+F11, and leave modified keys alone', () => {
    const key = (k: string, shiftKey = false, ctrlKey = false) => debugKeyFor({ key: k, shiftKey, ctrlKey, metaKey: false, altKey: false });
    expect([key('F5'), key('F9'), key('F10'), key('F11'), key('F11', true)]).toEqual(['continueOrDebug', 'toggleBreakpoint', 'stepOver', 'stepInto', 'stepOut']);
    expect(key('F5', false, true)).toBeNull();
    expect(key('a')).toBeNull();
  });
});

describe('debug sessions from the live stream', () => {
  it('a callback that pauses is followed, and its pause shows in the panel with the variables and controls', async () => {
    applyLiveEvent(app.store, 'debug.session', session());
    applyLiveEvent(app.store, 'debug.session', paused('log'));
    expect(followedSession(app.store.getState())?.status).toBe('paused');
    render(
      <EditorAppProvider app={app}>
        <DebuggerPanel />
      </EditorAppProvider>,
    );
    expect(screen.getByTestId('debug-state').textContent).toBe('Paused at "Log it"');
    const row = screen.getByRole('table', { name: 'Variables' }).querySelector('[data-variable="HttpRequest"]')!;
    expect(row.textContent).toContain('HttpRequest');
    expect(row.textContent).toContain('"orderId": "A-1"');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Step over' })));
    expect(sent).toContainEqual({ method: 'POST', url: '/api/debug/sessions/s1/commands', body: { command: 'stepOver' } });
  });

  it('step controls are off while the run is not paused; Stop stays available', () => {
    app.store.getState().applyDebugSession(session(), true);
    render(
      <EditorAppProvider app={app}>
        <DebuggerPanel />
      </EditorAppProvider>,
    );
    expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Stop' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('keep the newest state when a command answer arrives after the live events it caused', () => {
    applyLiveEvent(app.store, 'debug.session', paused('log', { revision: 3 }));
    applyLiveEvent(app.store, 'debug.session', session({ status: 'finished', runStatus: 'succeeded', revision: 5 }));
    app.store.getState().applyDebugSession(paused('log', { revision: 3 }));
    expect(followedSession(app.store.getState())?.status).toBe('finished');
  });

  it('armed flows follow debug.arms', () => {
    applyLiveEvent(app.store, 'debug.arms', { arms: [{ flow: 'CB_Order', breakpoints: [], armedAt: 'a', expiresAt: 'b' }] });
    expect(app.store.getState().debugArms.map((a) => a.flow)).toEqual(['CB_Order']);
  });
});
