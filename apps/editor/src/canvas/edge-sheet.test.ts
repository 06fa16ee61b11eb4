import { describe, expect, it } from 'vitest';
import { createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { edgeSheetPaths } from './edge-sheet';

function flow(): FlowDocument {
  const doc = createEmptyFlow('ACT_Sheet');
  return {
    ...doc,
    nodes: [
      { id: 'a', kind: 'core.LogMessage', position: { x: 0, y: 0 }, config: {} },
      { id: 'b', kind: 'core.LogMessage', position: { x: 300, y: 100 }, config: {} },
      { id: 'c', kind: 'core.LogMessage', position: { x: 300, y: 300 }, config: {} },
    ],
    edges: [
      { id: 'ab', source: 'a', sourcePort: 'out', target: 'b' },
      { id: 'ac', source: 'a', sourcePort: 'error', target: 'c' },
      { id: 'gone', source: 'a', sourcePort: 'out', target: 'missing' },
    ],
  };
}

describe('the edge sheet of a zoomed-out big flow', () => {
  it('joins the middle of the outgoing side to the middle of the incoming side, by measured size', () => {
    const measured = new Map([['a', { width: 200, height: 40 }]]);
    const paths = edgeSheetPaths(flow(), measured, 'LR');
    // a is measured (200×40); b uses the default size (180×46).
    expect(paths.plain).toBe('M200 20L300 123');
    expect(paths.error).toBe('M200 20L300 323');
    expect(paths.taken).toBe('');
  });

  it('reads top to bottom when the flow does, and lights the edges a shown run took', () => {
    const paths = edgeSheetPaths(flow(), new Map(), 'TB', new Set(['ab']));
    expect(paths.taken).toBe('M90 46L390 100');
    expect(paths.plain).toBe('');
    expect(paths.error).toBe('M90 46L390 300');
  });
});
