import { describe, expect, it } from 'vitest';
import { createEmptyFlow, type FlowDocument } from '@flowbridge/flow-model';
import { baseCatalogue } from '../connectors';
import { addNode, connect } from './commands';
import { addConnected, addNodeInFreeSpace, insertOnEdge } from './insert';
import { freePosition, occupied, overlaps } from './insert-geometry';

const def = (kind: string) => baseCatalogue.activities.get(kind)!;

/** Start → Log → End, left to right. */
function chain(): { doc: FlowDocument; log: string } {
  let doc = createEmptyFlow('ACT_Chain');
  doc = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'end' ? { ...n, position: { x: 600, y: 0 } } : { ...n, position: { x: 0, y: 0 } })) };
  const added = addNode(doc, def('core.LogMessage'), { x: 300, y: 0 });
  doc = connect(connect(added.document, 'start', 'out', added.id), added.id, 'out', 'end');
  return { doc, log: added.id };
}

describe('inserting a node into a connection', () => {
  it('splits the edge: the old source now leads to the new node, which leads to the old target', () => {
    const { doc, log } = chain();
    const edge = doc.edges.find((e) => e.source === log)!;
    const { document, id } = insertOnEdge(doc, edge.id, def('core.CreateVariable'), { x: 450, y: 0 }, baseCatalogue);
    expect(document.edges.find((e) => e.id === edge.id)).toMatchObject({ source: log, sourcePort: 'out', target: id });
    expect(document.edges.find((e) => e.source === id)).toMatchObject({ sourcePort: 'out', target: 'end' });
    expect(document.edges).toHaveLength(doc.edges.length + 1);
  });

  it('keeps the source port of the split edge (an error path stays an error path)', () => {
    const { doc, log } = chain();
    const withError = connect(addNode(doc, def('core.ErrorEnd'), { x: 300, y: 200 }).document, log, 'error', 'n' + String(doc.nodes.length + doc.edges.length + 1));
    const errorEdge = withError.edges.find((e) => e.sourcePort === 'error')!;
    const { document, id } = insertOnEdge(withError, errorEdge.id, def('core.LogMessage'), { x: 300, y: 100 }, baseCatalogue);
    expect(document.edges.find((e) => e.id === errorEdge.id)).toMatchObject({ source: log, sourcePort: 'error', target: id });
  });

  it('a decision inserted into an edge continues on its first outcome', () => {
    const { doc, log } = chain();
    const edge = doc.edges.find((e) => e.source === log)!;
    const { document, id } = insertOnEdge(doc, edge.id, def('core.Decision'), { x: 450, y: 0 }, baseCatalogue);
    expect(document.edges.find((e) => e.source === id)).toMatchObject({ sourcePort: 'true', target: 'end' });
  });

  it('an End dropped on an edge ends it there and adds no outgoing edge', () => {
    const { doc, log } = chain();
    const edge = doc.edges.find((e) => e.source === log)!;
    const { document, id } = insertOnEdge(doc, edge.id, def('core.End'), { x: 450, y: 0 }, baseCatalogue);
    expect(document.edges.find((e) => e.source === id)).toBeUndefined();
    expect(document.edges.find((e) => e.id === edge.id)?.target).toBe(id);
  });
});

describe('new nodes land in free space', () => {
  it('a node dropped on top of another is moved to the nearest free spot', () => {
    const { doc, log } = chain();
    const logNode = doc.nodes.find((n) => n.id === log)!;
    const { document, id } = addNodeInFreeSpace(doc, def('core.LogMessage'), logNode.position);
    const placed = document.nodes.find((n) => n.id === id)!;
    const others = occupied({ ...document, nodes: document.nodes.filter((n) => n.id !== id) });
    expect(others.some((b) => overlaps({ ...placed.position, width: 180, height: 48 }, b))).toBe(false);
    expect(Math.hypot(placed.position.x - logNode.position.x, placed.position.y - logNode.position.y)).toBeLessThan(200);
  });

  it('a free spot is kept as it is', () => {
    expect(freePosition({ x: 1000, y: 1000 }, [{ x: 0, y: 0, width: 180, height: 48 }])).toEqual({ x: 1000, y: 1000 });
  });

  it('measured sizes count: a tall neighbour pushes the new node further', () => {
    const taken = [{ x: 0, y: 0, width: 180, height: 300 }];
    const at = freePosition({ x: 0, y: 100 }, taken);
    expect(overlaps({ ...at, width: 180, height: 48 }, taken[0]!)).toBe(false);
  });
});

describe('adding a node from a dropped connection', () => {
  it('connects the dragged port to the new node', () => {
    const { doc, log } = chain();
    const { document, id } = addConnected(doc, def('eventbridge.PutEvents'), { x: 300, y: 200 }, { node: log, port: 'error', handle: 'source' }, baseCatalogue);
    expect(document.edges.find((e) => e.source === log && e.sourcePort === 'error')?.target).toBe(id);
  });

  it('a connection dragged from an input connects the new node into it', () => {
    const { doc } = chain();
    const { document, id } = addConnected(doc, def('core.LogMessage'), { x: 300, y: 200 }, { node: 'end', port: 'in', handle: 'target' }, baseCatalogue);
    expect(document.edges.find((e) => e.source === id)).toMatchObject({ sourcePort: 'out', target: 'end' });
  });
});
