import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { unmeasuredHandles } from './unmeasured-handles';

describe('ports of a node not measured yet', () => {
  it('left to right: the incoming port centred on the left side, outgoing ports spread down the right side', () => {
    const handles = unmeasuredHandles([{ id: 'true' }, { id: 'false' }, { id: 'error' }], { start: false, direction: 'LR', width: 180, height: 46 });
    expect(handles.map((h) => [h.id, h.type, h.position, h.x + 4.5, h.y + 4.5])).toEqual([
      ['in', 'target', Position.Left, 0, 23],
      ['true', 'source', Position.Right, 180, 11.5],
      ['false', 'source', Position.Right, 180, 23],
      ['error', 'source', Position.Right, 180, 34.5],
    ]);
    expect(handles.every((h) => h.width === 9 && h.height === 9)).toBe(true);
  });

  it('top to bottom: the incoming port centred on the top, outgoing ports spread along the bottom', () => {
    const handles = unmeasuredHandles([{ id: 'out' }, { id: 'error' }], { start: false, direction: 'TB', width: 180, height: 46 });
    expect(handles.map((h) => [h.id, h.position, h.x + 4.5, h.y + 4.5])).toEqual([
      ['in', Position.Top, 90, 0],
      ['out', Position.Bottom, 60, 46],
      ['error', Position.Bottom, 120, 46],
    ]);
  });

  it('a Start has no incoming port', () => {
    expect(unmeasuredHandles([{ id: 'out' }], { start: true, direction: 'LR', width: 120, height: 46 }).map((h) => h.id)).toEqual(['out']);
  });
});
