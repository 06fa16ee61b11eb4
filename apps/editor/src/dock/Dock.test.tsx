import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { registerViewport } from '../canvas/viewport';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { Dock } from './Dock';

// Each test gets a fresh editor store, as each mounted editor does.
let store = createEditorStore();
beforeEach(() => {
  store = createEditorStore();
});

const revealed: string[] = [];

beforeEach(() => {
  revealed.length = 0;
  registerViewport({ fitView: () => undefined, pointer: () => null, centre: () => ({ x: 0, y: 0 }), reveal: (id) => revealed.push(id) });
  const flow = createEmptyFlow('ACT_Problems');
  store.getState().load({ ...flow, nodes: [...flow.nodes, { id: 'log', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: {} }] }, 'ACT_Problems');
  store.setState({
    dockTab: 'problems',
    problems: [
      { severity: 'error', code: 'RequiredField', message: 'Log Message: Message is required.', nodeId: 'log' },
      { severity: 'warning', code: 'Unreachable', message: 'The flow has no path to an End.' },
    ],
  } as Partial<ReturnType<typeof store.getState>>);
  store.getState().select([]);
});
afterEach(() => {
  cleanup();
  registerViewport(null);
});

describe('problems list', () => {
  it('lists every problem and counts them on the tab', () => {
    renderInEditor(store, <Dock />);
    expect(screen.getByRole('tab', { name: /Problems \(2\)/ })).toBeTruthy();
    expect(screen.getByText(/Message is required/)).toBeTruthy();
    expect(screen.getByText(/no path to an End/)).toBeTruthy();
  });

  it('a click on a node problem selects that node and centres it on the canvas', () => {
    renderInEditor(store, <Dock />);
    fireEvent.click(screen.getByText(/Message is required/));
    expect(store.getState().selection).toEqual(['log']);
    expect(revealed).toEqual(['log']);
  });

  it('a problem about the whole flow cannot be clicked', () => {
    renderInEditor(store, <Dock />);
    expect((screen.getByText(/no path to an End/).closest('button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says the flow can run when there are no problems', () => {
    store.setState({ problems: [] });
    renderInEditor(store, <Dock />);
    expect(screen.getByText(/No problems/)).toBeTruthy();
  });
});

describe('resizing the dock', () => {
  it('dragging its top edge up makes it taller, kept for the next visit, within bounds', () => {
    localStorage.removeItem('flowbridge.dockHeight');
    renderInEditor(store, <Dock />);
    const handle = screen.getByRole('separator', { name: 'Resize the dock' });
    expect(handle.getAttribute('aria-valuenow')).toBe('190');
    fireEvent.pointerDown(handle, { clientY: 700 });
    fireEvent.pointerMove(window, { clientY: 600 });
    fireEvent.pointerUp(window, { clientY: 600 });
    expect(handle.getAttribute('aria-valuenow')).toBe('290');
    expect(document.documentElement.style.getPropertyValue('--dock-height')).toBe('290px');
    expect(localStorage.getItem('flowbridge.dockHeight')).toBe('290');
    // Never below the minimum, however far it is dragged down.
    fireEvent.pointerDown(handle, { clientY: 600 });
    fireEvent.pointerMove(window, { clientY: 5000 });
    fireEvent.pointerUp(window);
    expect(handle.getAttribute('aria-valuenow')).toBe('90');
  });
});
