import { describe, expect, it } from 'vitest';
import { coreModule, createCatalogue, DOCUMENT_LIMITS, parseDocument, validate } from '../src/index.js';
import { chain, type NodeSpec } from './builder.js';

const catalogue = createCatalogue([coreModule]);
const logs = (count: number): NodeSpec[] => Array.from({ length: count }, (_, i): NodeSpec => [`l${i}`, 'LogMessage', { message: `${i}` }]);

describe('flow document limits', () => {
  it('refuses a flow with more nodes than the limit, saying how many and what to do', () => {
    const document = chain(logs(DOCUMENT_LIMITS.nodes));
    const parsed = parseDocument(document);
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems.map((p) => p.code)).toContain('document-too-large');
    expect(problems.find((p) => p.field === 'nodes')?.message).toMatch(/has 10002 nodes, more than the 10000 a flow may have; split it/);
    expect(validate(document, catalogue).map((p) => p.code)).toEqual(expect.arrayContaining(['document-too-large']));
  });

  it('accepts a flow at the node limit', () => {
    expect(parseDocument(chain(logs(DOCUMENT_LIMITS.nodes - 2))).ok).toBe(true);
  });

  it('refuses a node config nested deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const parsed = parseDocument(chain([['l', 'LogMessage', { message: 'x', extra: deep }]]));
    expect(parsed.ok ? [] : parsed.problems).toEqual([expect.objectContaining({ code: 'document-too-large', field: 'nodes[1].config', message: expect.stringMatching(/more than 32 levels deep/) })]);
  });

  it('refuses a config string longer than the limit', () => {
    const parsed = parseDocument(chain([['l', 'LogMessage', { message: 'x'.repeat(DOCUMENT_LIMITS.configStringLength + 1) }]]));
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.message)).toEqual([expect.stringMatching(/100001 characters, more than the 100000 allowed/)]);
  });
});
