import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { registerViewport } from '../canvas/viewport';
import { useEditor } from '../store/editor-store';
import { Dock } from './Dock';

const revealed: string[] = [];

beforeEach(() => {
  revealed.length = 0;
  registerViewport({ fitView: () => undefined, pointer: () => null, centre: () => ({ x: 0, y: 0 }), reveal: (id) => revealed.push(id) });
  const flow = createEmptyFlow('ACT_Problems');
  useEditor.getState().load({ ...flow, nodes: [...flow.nodes, { id: 'log', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: {} }] }, 'ACT_Problems');
  useEditor.setState({
    dockTab: 'problems',
    problems: [
      { severity: 'error', code: 'RequiredField', message: 'Log Message: Message is required.', nodeId: 'log' },
      { severity: 'warning', code: 'Unreachable', message: 'The flow has no path to an End.' },
    ],
  } as Partial<ReturnType<typeof useEditor.getState>>);
  useEditor.getState().select([]);
});
afterEach(() => {
  cleanup();
  registerViewport(null);
});

describe('problems list', () => {
  it('lists every problem and counts them on the tab', () => {
    render(<Dock />);
    expect(screen.getByRole('tab', { name: /Problems \(2\)/ })).toBeTruthy();
    expect(screen.getByText(/Message is required/)).toBeTruthy();
    expect(screen.getByText(/no path to an End/)).toBeTruthy();
  });

  it('a click on a node problem selects that node and centres it on the canvas', () => {
    render(<Dock />);
    fireEvent.click(screen.getByText(/Message is required/));
    expect(useEditor.getState().selection).toEqual(['log']);
    expect(revealed).toEqual(['log']);
  });

  it('a problem about the whole flow cannot be clicked', () => {
    render(<Dock />);
    expect((screen.getByText(/no path to an End/).closest('button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says the flow can run when there are no problems', () => {
    useEditor.setState({ problems: [] });
    render(<Dock />);
    expect(screen.getByText(/No problems/)).toBeTruthy();
  });
});
