import { describe, expect, it } from 'vitest';
import { createEmptyFlow, serializeFlow } from '../src/index.js';

describe('serializeFlow', () => {
  it('writes the same text whatever the key order of the input', () => {
    const a = createEmptyFlow('A');
    a.nodes[0]!.config = { b: 1, a: { d: 1, c: 2 } };
    const shuffled = JSON.parse(JSON.stringify({ edges: a.edges, nodes: a.nodes.map((n) => ({ config: n.config, position: n.position, kind: n.kind, id: n.id })), annotations: [], parameters: [], name: 'A', formatVersion: 1 }));
    expect(serializeFlow(shuffled)).toBe(serializeFlow(a));
  });

  it('uses a 2-space indent, a fixed key order and a final newline', () => {
    const text = serializeFlow(createEmptyFlow('A'));
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "name": "A",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
