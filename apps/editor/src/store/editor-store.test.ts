import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyFlow, logMessage, type FlowDocument } from '@flowbridge/flow-model';
import { addNode, connect, setField } from '../document/commands';
import { createEditorStore } from './editor-store';

type Store = ReturnType<typeof createEditorStore>;

/** Start → Log → End in a fresh store; answers the store and the log node's id. */
function flowWithLog(name = 'ACT_A'): { store: Store; log: string } {
  const store = createEditorStore();
  let doc: FlowDocument = createEmptyFlow(name);
  const added = addNode(doc, logMessage, { x: 200, y: 0 });
  doc = connect(connect(added.document, 'start', 'out', added.id), added.id, 'out', 'end');
  store.getState().load(doc, name, null);
  return { store, log: added.id };
}

beforeEach(() => localStorage.clear());

describe('undo and redo', () => {
  it('every document change can be undone and redone', () => {
    const { store, log } = flowWithLog();
    const original = store.getState().document;
    store.getState().apply((d) => setField(d, log, 'message', 'one'));
    store.getState().apply((d) => addNode(d, logMessage, { x: 0, y: 100 }).document);
    const latest = store.getState().document;
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().document).toBe(original);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().document).toBe(latest);
  });

  it('a new change after an undo drops the redo steps', () => {
    const { store, log } = flowWithLog();
    store.getState().apply((d) => setField(d, log, 'message', 'one'));
    store.getState().undo();
    store.getState().apply((d) => setField(d, log, 'message', 'two'));
    expect(store.getState().history.future).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().document.nodes.find((n) => n.id === log)?.config.message).toBe('two');
  });

  it('typing in one field undoes as one step, and the next gesture is a step of its own', () => {
    const { store, log } = flowWithLog();
    const before = store.getState().document.nodes.find((n) => n.id === log)?.config.message;
    for (const text of ['H', 'He', 'Hel', 'Hello']) store.getState().apply((d) => setField(d, log, 'message', text), { group: `field:${log}:message` });
    store.getState().endGesture();
    store.getState().apply((d) => setField(d, log, 'message', 'Hello!'), { group: `field:${log}:message` });
    store.getState().undo();
    expect(store.getState().document.nodes.find((n) => n.id === log)?.config.message).toBe('Hello');
    store.getState().undo();
    expect(store.getState().document.nodes.find((n) => n.id === log)?.config.message).toBe(before);
  });

  it('undo marks the flow as changed and re-validates it', () => {
    const { store } = flowWithLog();
    store.getState().select(['end']);
    store.getState().deleteSelection();
    expect(store.getState().problems.some((p) => p.code === 'missing-end')).toBe(true);
    store.getState().undo();
    expect(store.getState().problems.some((p) => p.code === 'missing-end')).toBe(false);
    expect(store.getState().dirty).toBe(true);
  });

  it('opening a flow starts a fresh history', () => {
    const { store, log } = flowWithLog();
    store.getState().apply((d) => setField(d, log, 'message', 'one'));
    store.getState().load(createEmptyFlow('ACT_B'), 'ACT_B');
    store.getState().undo();
    expect(store.getState().document.name).toBe('ACT_B');
    expect(store.getState().dirty).toBe(false);
  });
});

describe('copy and paste', () => {
  it('pastes copied activities with the edges between them into another flow, with fresh ids', () => {
    const source = flowWithLog('ACT_Source');
    const { store } = source;
    store.getState().apply((d) => addNode(d, logMessage, { x: 400, y: 100 }).document);
    const second = store.getState().document.nodes.at(-1)!.id;
    store.getState().apply((d) => connect(d, source.log, 'error', second));
    store.getState().select([source.log, second, 'start']);
    expect(store.getState().copy()).toBe(2);

    // Another flow, in another store (as another tab would be): the clipboard travels through localStorage.
    const target = createEditorStore();
    target.getState().load(createEmptyFlow('ACT_Target'), 'ACT_Target');
    expect(target.getState().paste({ x: 1000, y: 1000 })).toBe(2);
    const doc = target.getState().document;
    const pasted = doc.nodes.filter((n) => n.kind === 'core.LogMessage');
    expect(pasted).toHaveLength(2);
    expect(pasted.map((n) => n.position)).toEqual([
      { x: 1000, y: 1000 },
      { x: 1200, y: 1100 },
    ]);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(doc.nodes.length);
    const edge = doc.edges.find((e) => e.sourcePort === 'error');
    expect(edge && pasted.map((n) => n.id)).toEqual([edge!.source, edge!.target]);
    expect(target.getState().selection.sort()).toEqual(pasted.map((n) => n.id).sort());
  });

  it('the Start is never copied, and pasting twice gives distinct ids', () => {
    const { store, log } = flowWithLog();
    store.getState().select(['start', log]);
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    const doc = store.getState().document;
    expect(doc.nodes.filter((n) => n.kind === 'core.Start')).toHaveLength(1);
    expect(doc.nodes.filter((n) => n.kind === 'core.LogMessage')).toHaveLength(3);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(doc.nodes.length);
  });

  it('a paste is one undo step, and cut removes what it copied', () => {
    const { store, log } = flowWithLog();
    store.getState().select([log]);
    store.getState().cut();
    expect(store.getState().document.nodes.some((n) => n.id === log)).toBe(false);
    expect(store.getState().document.edges.some((e) => e.source === log || e.target === log)).toBe(false);
    const afterCut = store.getState().document;
    store.getState().paste();
    store.getState().undo();
    expect(store.getState().document).toBe(afterCut);
  });

  it('deleting never removes the Start', () => {
    const { store } = flowWithLog();
    store.getState().selectAll();
    store.getState().deleteSelection();
    expect(store.getState().document.nodes.map((n) => n.kind)).toEqual(['core.Start']);
  });
});

describe('pasted activities get their own variables', () => {
  it('a pasted Create Variable declares a new name, not the one the flow already has', () => {
    const store = createEditorStore();
    const doc = createEmptyFlow('ACT_Vars');
    store.getState().load(
      { ...doc, nodes: [...doc.nodes, { id: 'v', kind: 'core.CreateVariable', position: { x: 200, y: 0 }, config: { variableName: 'Order', type: 'String', value: "'a'" } }] },
      'ACT_Vars',
    );
    store.getState().select(['v']);
    store.getState().copy();
    store.getState().paste();
    store.getState().paste();
    const names = store.getState().document.nodes.filter((n) => n.kind === 'core.CreateVariable').map((n) => n.config.variableName);
    expect(names).toEqual(['Order', 'Order2', 'Order3']);
    expect(store.getState().problems.filter((p) => /already|duplicate/i.test(p.message))).toEqual([]);
  });
});
