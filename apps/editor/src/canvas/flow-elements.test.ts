import { describe, expect, it } from 'vitest';
import { coreModule, createCatalogue, createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { moveNodes } from '../document/commands';
import { createElementCache } from './flow-elements';

const catalogue = createCatalogue([coreModule]);
const none = { selected: new Set<string>(), problemCounts: new Map<string, number>(), visited: new Set<string>(), failedAt: undefined, measured: new Map() };

function decisionFlow(): FlowDocument {
  const base = createEmptyFlow('ACT_D');
  return {
    ...base,
    nodes: [...base.nodes, { id: 'd', kind: 'core.Decision', position: { x: 200, y: 0 }, config: { condition: 'true' } }],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'd' },
      { id: 'e2', source: 'd', sourcePort: 'true', target: 'end' },
      { id: 'e3', source: 'd', sourcePort: 'error', target: 'end' },
    ],
  };
}

describe('canvas elements', () => {
  it('decision edges are labelled with their outcome and error edges are styled apart', () => {
    const edges = createElementCache().edges(decisionFlow(), catalogue, new Set(), new Set());
    expect(edges.map((e) => [e.id, e.label, e.className])).toEqual([
      ['e1', undefined, undefined],
      ['e2', 'true', undefined],
      ['e3', 'error', 'error-edge'],
    ]);
  });

  it('a decision shows its outcome ports plus the error port; the Start has no error port', () => {
    const nodes = createElementCache().nodes(decisionFlow(), catalogue, none);
    const ports = (id: string) => nodes.find((n) => n.id === id)!.data as { ports: Array<{ id: string }> };
    expect(ports('d').ports.map((p) => p.id)).toEqual(['true', 'false', 'error']);
    expect(ports('start').ports.map((p) => p.id)).toEqual(['out']);
  });

  it('a node not measured yet comes with its size and the ports it will draw, so React Flow need not draw it to measure it', () => {
    const doc = { ...decisionFlow(), annotations: [{ id: 'a1', position: { x: 0, y: 200 }, text: 'note' }] };
    const nodes = createElementCache().nodes(doc, catalogue, none);
    const node = (id: string) => nodes.find((n) => n.id === id)! as { initialWidth?: number; initialHeight?: number; handles?: Array<{ id?: string | null; type: string }>; measured?: unknown };
    expect(node('d')).toMatchObject({ initialWidth: 180, initialHeight: 46 });
    expect(node('d').handles!.map((h) => [h.id, h.type])).toEqual([
      ['in', 'target'],
      ['true', 'source'],
      ['false', 'source'],
      ['error', 'source'],
    ]);
    // A Start has no incoming port, and is narrower.
    expect(node('start')).toMatchObject({ initialWidth: 120 });
    expect(node('start').handles!.map((h) => h.id)).toEqual(['out']);
    // A note has no ports at all.
    expect(node('a1').handles).toEqual([]);
    // Once measured, React Flow's own measurements count: no guessed ports.
    const measured = createElementCache().nodes(doc, catalogue, { ...none, measured: new Map([['d', { width: 190, height: 50 }], ['a1', { width: 202, height: 60 }]]) });
    for (const id of ['d', 'a1']) {
      const n = measured.find((m) => m.id === id)! as { handles?: unknown; measured?: unknown };
      expect(n.handles).toBeUndefined();
      expect(n.measured).toBeDefined();
    }
  });

  it('moving one node re-creates only that node (the others keep their identity)', () => {
    const cache = createElementCache();
    const doc = decisionFlow();
    const before = cache.nodes(doc, catalogue, none);
    const after = cache.nodes(moveNodes(doc, new Map([['d', { x: 300, y: 50 }]])), catalogue, none);
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual(['d']);
  });

  it('selection and problem counts show on the node', () => {
    const nodes = createElementCache().nodes(decisionFlow(), catalogue, { ...none, selected: new Set(['d']), problemCounts: new Map([['d', 2]]) });
    const d = nodes.find((n) => n.id === 'd')!;
    expect(d.selected).toBe(true);
    expect((d.data as { problemCount: number }).problemCount).toBe(2);
  });
});
