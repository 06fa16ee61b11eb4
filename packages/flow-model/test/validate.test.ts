import { describe, expect, it } from 'vitest';
import { coreModule, createCatalogue, createEmptyFlow, validate, type FlowDocument } from '../src/index.js';

const catalogue = createCatalogue([coreModule]);

function helloFlow(): FlowDocument {
  return {
    formatVersion: 1,
    name: 'ACT_Hello',
    parameters: [],
    nodes: [
      { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message: 'hi {{ 1 + 1 }}' } },
      { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
      { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
    ],
    annotations: [],
  };
}

describe('validate', () => {
  it('finds no problem in a well-formed Start → Log → End flow', () => {
    expect(validate(helloFlow(), catalogue)).toEqual([]);
  });

  it('accepts the empty flow a new document starts as', () => {
    expect(validate(createEmptyFlow('X'), catalogue)).toEqual([]);
  });

  it('reports each structural mistake of a malformed document with its path', () => {
    const problems = validate({ formatVersion: 1, name: '', parameters: {}, nodes: [{ id: 1 }], edges: 'x' }, catalogue);
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'parameters', 'nodes[0].id', 'nodes[0].kind', 'nodes[0].position', 'nodes[0].config', 'edges']));
    expect(problems.every((p) => p.severity === 'error' && p.message.length > 0)).toBe(true);
  });

  it.each([null, 42, 'flow', [], true, undefined, { formatVersion: 99 }])('answers %j with problems, never a crash', (input) => {
    const problems = validate(input, catalogue);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('says a newer formatVersion needs a newer Flowbridge', () => {
    const problems = validate({ ...helloFlow(), formatVersion: 7 }, catalogue);
    expect(problems[0]?.message).toMatch(/newer/);
  });

  it('reports a missing Start and a missing End', () => {
    const doc = helloFlow();
    doc.nodes = doc.nodes.filter((n) => n.id === 'l');
    doc.edges = [];
    const codes = validate(doc, catalogue).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['missing-start', 'missing-end']));
  });

  it('reports a dangling edge, an unreachable node and a node without an exit', () => {
    const doc = helloFlow();
    doc.nodes.push({ id: 'orphan', kind: 'core.LogMessage', position: { x: 0, y: 100 }, config: { message: 'x' } });
    doc.edges.push({ id: 'bad', source: 'l', sourcePort: 'out', target: 'nowhere' });
    const problems = validate(doc, catalogue);
    expect(problems.find((p) => p.code === 'dangling-edge')?.edgeId).toBe('bad');
    expect(problems.filter((p) => p.nodeId === 'orphan').map((p) => p.code).sort()).toEqual(['no-outgoing', 'unreachable']);
  });

  it('reports an unknown activity kind', () => {
    const doc = helloFlow();
    doc.nodes[1]!.kind = 'acme.Teleport';
    expect(validate(doc, catalogue)).toContainEqual(expect.objectContaining({ code: 'unknown-kind', nodeId: 'l' }));
  });

  it('reports a missing required field and a template expression that does not parse, with its position', () => {
    const doc = helloFlow();
    doc.nodes[1]!.config = { message: '' };
    expect(validate(doc, catalogue)).toContainEqual(expect.objectContaining({ code: 'required', nodeId: 'l', field: 'message' }));
    doc.nodes[1]!.config = { message: 'total: {{ $a + }}' };
    const syntax = validate(doc, catalogue).find((p) => p.code === 'expression-syntax');
    expect(syntax?.field).toBe('message');
    expect(syntax?.message).toMatch(/position \d+/);
  });
});
