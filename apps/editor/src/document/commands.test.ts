import { describe, expect, it } from 'vitest';
import { createEmptyFlow, logMessage } from '@flowbridge/flow-model';
import { addNode, connect, reconnect, remove, setField } from './commands';

describe('document commands', () => {
  it('adds a node with its default field values at the drop point', () => {
    const { document, id } = addNode(createEmptyFlow('A'), logMessage, { x: 10, y: 20 });
    expect(document.nodes.find((n) => n.id === id)).toMatchObject({ kind: 'core.LogMessage', position: { x: 10, y: 20 }, config: { level: 'info' } });
  });

  it('connecting a port that already has an edge replaces it', () => {
    let doc = addNode(createEmptyFlow('A'), logMessage, { x: 0, y: 0 }).document;
    doc = connect(doc, 'start', 'out', doc.nodes[2]!.id);
    expect(doc.edges.filter((e) => e.source === 'start')).toHaveLength(1);
    expect(doc.edges.find((e) => e.source === 'start')?.target).toBe(doc.nodes[2]!.id);
  });

  it('setting a field to the value it has leaves the document as it is', () => {
    const { document, id } = addNode(createEmptyFlow('A'), logMessage, { x: 0, y: 0 });
    expect(setField(document, id, 'level', 'info')).toBe(document);
    expect(setField(document, id, 'level', 'warn')).not.toBe(document);
  });

  it('reconnecting moves an edge, replacing the edge its new port had', () => {
    let doc = addNode(createEmptyFlow('A'), logMessage, { x: 0, y: 0 }).document;
    const log = doc.nodes[2]!.id;
    doc = connect(doc, log, 'out', 'end');
    const moved = reconnect(doc, 'e-start-end', 'start', 'out', log);
    expect(moved.edges.find((e) => e.id === 'e-start-end')).toMatchObject({ source: 'start', target: log });
    const other = connect(moved, log, 'error', 'end');
    const replaced = reconnect(other, 'e-start-end', log, 'error', 'end');
    expect(replaced.edges.filter((e) => e.source === log && e.sourcePort === 'error').map((e) => e.id)).toEqual(['e-start-end']);
  });

  it('removing a node removes the edges touching it', () => {
    const doc = remove(createEmptyFlow('A'), new Set(['end']), new Set());
    expect(doc.edges).toEqual([]);
  });
});
