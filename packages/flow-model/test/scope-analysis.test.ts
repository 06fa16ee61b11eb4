import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFlow, coreModule, createCatalogue, DOCUMENT_LIMITS, LATEST_ERROR, LOOP_BODY, validate } from '../src/index.js';
import { analyzeScopes } from '../src/scope-analysis.js';
import type { FlowEdge } from '../src/document.js';
import { chain, type NodeSpec } from './builder.js';

/** The quadratic fixpoint analysis the dominator-tree one replaced, kept as the oracle. */
function oracle(
  parameters: readonly string[],
  start: string,
  outgoing: ReadonlyMap<string, readonly FlowEdge[]>,
  outputs: ReadonlyMap<string, string>,
  iterators: ReadonlyMap<string, string>,
): Map<string, Set<string>> {
  const reachable = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const e of outgoing.get(id) ?? []) stack.push(e.target);
  }
  const carried = (edge: FlowEdge, from: ReadonlySet<string>): Set<string> => {
    const out = new Set(from);
    if (edge.sourcePort === 'error') {
      out.add(LATEST_ERROR);
      return out;
    }
    const output = outputs.get(edge.source);
    if (output) out.add(output);
    const iterator = iterators.get(edge.source);
    if (iterator && edge.sourcePort === LOOP_BODY) out.add(iterator);
    return out;
  };
  const incoming = new Map<string, FlowEdge[]>();
  for (const list of outgoing.values()) {
    for (const edge of list) {
      if (!reachable.has(edge.source)) continue;
      incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
    }
  }
  const inScope = new Map<string, Set<string>>([[start, new Set(parameters)]]);
  // Plain round-robin in id order (not reverse postorder): slower, but the fixpoint is the same.
  const order = [...reachable];
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of order) {
      if (id === start) continue;
      let scope: Set<string> | undefined;
      for (const edge of incoming.get(id) ?? []) {
        const from = inScope.get(edge.source);
        if (!from) continue;
        const next = carried(edge, from);
        scope = scope ? new Set([...scope].filter((n) => next.has(n))) : next;
      }
      if (!scope) continue;
      const previous = inScope.get(id);
      if (!previous || previous.size !== scope.size || [...scope].some((n) => !previous.has(n))) {
        inScope.set(id, scope);
        changed = true;
      }
    }
  }
  return inScope;
}

const NAMES = ['A', 'B', 'C', 'D'];
const PORTS = ['out', 'error', LOOP_BODY, 'done'];

/** Random graphs: a few names shared by several nodes, every port kind, cycles, self-loops, unreachable parts. */
const graphs = fc
  .record({
    size: fc.integer({ min: 1, max: 14 }),
    params: fc.subarray(['P', 'A']),
    outputs: fc.array(fc.option(fc.constantFrom(...NAMES), { nil: undefined }), { minLength: 14, maxLength: 14 }),
    iterators: fc.array(fc.option(fc.constantFrom(...NAMES, 'I'), { nil: undefined }), { minLength: 14, maxLength: 14 }),
    edges: fc.array(fc.tuple(fc.nat(13), fc.nat(13), fc.constantFrom(...PORTS)), { maxLength: 40 }),
  })
  .map(({ size, params, outputs, iterators, edges }) => {
    const outgoing = new Map<string, FlowEdge[]>();
    edges.forEach(([s, t, port], i) => {
      const source = `n${s % size}`;
      const edge: FlowEdge = { id: `e${i}`, source, sourcePort: port, target: `n${t % size}` };
      outgoing.set(source, [...(outgoing.get(source) ?? []), edge]);
    });
    const outputMap = new Map<string, string>();
    const iteratorMap = new Map<string, string>();
    for (let i = 0; i < size; i++) {
      if (outputs[i]) outputMap.set(`n${i}`, outputs[i]!);
      if (iterators[i]) iteratorMap.set(`n${i}`, iterators[i]!);
    }
    return { size, params, outgoing, outputs: outputMap, iterators: iteratorMap };
  });

describe('scope analysis on the dominator tree', () => {
  it('finds the same variables in scope as the fixpoint analysis on random graphs', () => {
    fc.assert(
      fc.property(graphs, ({ size, params, outgoing, outputs, iterators }) => {
        const expected = oracle(params, 'n0', outgoing, outputs, iterators);
        const actual = analyzeScopes(params, 'n0', outgoing, outputs, iterators);
        for (let i = 0; i < size; i++) {
          const id = `n${i}`;
          const want = expected.get(id);
          const got = actual.get(id);
          expect(got === undefined, id).toBe(want === undefined);
          if (!want || !got) continue;
          expect(got.names().sort(), id).toEqual([...want].sort());
          for (const name of [...NAMES, 'P', 'I', LATEST_ERROR]) expect(got.has(name), `${name} at ${id}`).toBe(want.has(name));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a variable created on both branches of a decision in scope after they join, but not one created on one branch', () => {
    const edge = (id: string, source: string, target: string, sourcePort = 'out'): FlowEdge => ({ id, source, sourcePort, target });
    const outgoing = new Map<string, FlowEdge[]>([
      ['s', [edge('1', 's', 'd')]],
      ['d', [edge('2', 'd', 'a', 'yes'), edge('3', 'd', 'b', 'no')]],
      ['a', [edge('4', 'a', 'j')]],
      ['b', [edge('5', 'b', 'c')]],
      ['c', [edge('6', 'c', 'j')]],
    ]);
    const scopes = analyzeScopes([], 's', outgoing, new Map([['a', 'X'], ['b', 'X'], ['c', 'Y']]), new Map());
    expect(scopes.get('j')!.names().sort()).toEqual(['X']);
    expect(scopes.get('c')!.names().sort()).toEqual(['X']);
    expect(scopes.get('nowhere')).toBeUndefined();
  });

  it('analyses and validates a chain of 20,000 variables in linear memory and time', { timeout: 60_000 }, () => {
    const catalogue = createCatalogue([coreModule]);
    const count = 20_000;
    const document = chain(
      Array.from({ length: count }, (_, i): NodeSpec => [`v${i}`, 'CreateVariable', { variableName: `V${i}`, type: 'Integer', value: i === 0 ? '1' : `$V${i - 1} + 1` }]),
    );
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest.config.ts runs the tests with --expose-gc').toBeTypeOf('function');
    const retained = (): number => {
      gc!();
      return process.memoryUsage().heapUsed;
    };
    const before = retained();
    const analysis = analyzeFlow(document, catalogue);
    const after = retained();
    expect(analysis.inScope.get('end')!.names()).toHaveLength(count);
    expect(analysis.inScope.get('v10')!.has('V9')).toBe(true);
    expect(analysis.inScope.get('v10')!.has('V10')).toBe(false);
    // The old analysis held 200 million set entries here (gigabytes); the new one a name per node.
    expect(after - before).toBeLessThan(200 * 1024 * 1024);
    // A flow that long is past the document limit; one at the limit validates without errors.
    expect(validate(document, catalogue).map((p) => `${p.code} ${p.field}`)).toEqual(['document-too-large nodes', 'document-too-large edges']);
    const atLimit = chain(
      Array.from({ length: DOCUMENT_LIMITS.nodes - 2 }, (_, i): NodeSpec => [`v${i}`, 'CreateVariable', { variableName: `V${i}`, type: 'Integer', value: i === 0 ? '1' : `$V${i - 1} + 1` }]),
    );
    expect(validate(atLimit, catalogue).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
