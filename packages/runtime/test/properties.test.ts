import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@flowbridge/flow-model';
import { compile, coreRuntimeModule, createEngine, run, type CompiledFlow, type TraceStep } from '../src/index.js';
import { compiled, flowDoc, type EdgeSpec, type NodeSpec } from './builder.js';

const engine = createEngine([coreRuntimeModule]);

/** A structured program: what a person could draw with the core activities. */
type Statement =
  | { kind: 'inc'; by: number }
  | { kind: 'log' }
  | { kind: 'fail' }
  | { kind: 'if'; then: Statement[]; else: Statement[] }
  | { kind: 'loop'; count: number; body: Statement[]; exit: 'none' | 'break' | 'continue' }
  | { kind: 'while'; body: Statement[] };

const statements: fc.Arbitrary<Statement[]> = fc.letrec((tie) => ({
  block: fc.array(tie('statement'), { maxLength: 4 }),
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -3, max: 5 }).map((by) => ({ kind: 'inc' as const, by })),
    fc.constant({ kind: 'log' as const }),
    fc.constant({ kind: 'fail' as const }),
    fc.record({ kind: fc.constant('if' as const), then: tie('block'), else: tie('block') }),
    fc.record({ kind: fc.constant('loop' as const), count: fc.integer({ min: 0, max: 3 }), body: tie('block'), exit: fc.constantFrom('none' as const, 'break' as const, 'continue' as const) }),
    fc.record({ kind: fc.constant('while' as const), body: tie('block') }),
  ),
})).block as fc.Arbitrary<Statement[]>;

/** Lays a program out as a flow graph; `while` loops back through a Merge and may never end. */
function toFlow(program: Statement[]): FlowDocument {
  const nodes: NodeSpec[] = [
    ['start', 'Start'],
    ['count', 'CreateVariable', { variableName: 'Count', type: 'Integer', value: '0' }],
  ];
  const edges: EdgeSpec[] = [['start', 'out', 'count']];
  let next = 0;
  const id = (prefix: string): string => `${prefix}${next++}`;
  const connect = (preds: Array<[string, string]>, target: string): void => {
    for (const [source, port] of preds) edges.push([source, port, target]);
  };
  const emit = (block: Statement[], preds: Array<[string, string]>, inLoop: boolean): Array<[string, string]> => {
    let current = preds;
    for (const s of block) {
      if (s.kind === 'inc') {
        const n = id('inc');
        nodes.push([n, 'ChangeVariable', { variable: 'Count', value: `$Count + ${s.by}` }]);
        connect(current, n);
        current = [[n, 'out']];
      } else if (s.kind === 'log') {
        const n = id('log');
        nodes.push([n, 'LogMessage', { message: 'count {{ $Count }}' }]);
        connect(current, n);
        current = [[n, 'out']];
      } else if (s.kind === 'fail') {
        // Fails on some counts; the error path logs and rejoins.
        const n = id('fail');
        const h = id('handle');
        nodes.push([n, 'ChangeVariable', { variable: 'Count', value: '$Count % 3 = 1 ? $error("odd") : $Count + 1' }]);
        nodes.push([h, 'LogMessage', { message: '{{ $latestError.message }}' }]);
        connect(current, n);
        edges.push([n, 'error', h]);
        current = [
          [n, 'out'],
          [h, 'out'],
        ];
      } else if (s.kind === 'if') {
        const d = id('if');
        nodes.push([d, 'Decision', { condition: '$Count % 2 = 0' }]);
        connect(current, d);
        current = [...emit(s.then, [[d, 'true']], inLoop), ...emit(s.else, [[d, 'false']], inLoop)];
      } else if (s.kind === 'loop') {
        const l = id('loop');
        nodes.push([l, 'Loop', { list: `[1..${s.count}]`, iterator: `I${l}` }]);
        connect(current, l);
        let body = emit(s.body, [[l, 'body']], true);
        if (s.exit !== 'none') {
          const d = id('exit');
          const x = id(s.exit);
          nodes.push([d, 'Decision', { condition: '$Count > 3' }], [x, s.exit === 'break' ? 'Break' : 'Continue']);
          connect(body, d);
          edges.push([d, 'true', x]);
          body = [[d, 'false']];
        }
        connect(body, l);
        current = [[l, 'done']];
      } else {
        const m = id('merge');
        const d = id('while');
        nodes.push([m, 'Merge'], [d, 'Decision', { condition: '$Count < 10' }]);
        connect(current, m);
        edges.push([m, 'out', d]);
        connect(emit(s.body, [[d, 'true']], inLoop), m);
        current = [[d, 'false']];
      }
    }
    return current;
  };
  nodes.push(['end', 'End', { returnValue: '$Count' }]);
  connect(emit(program, [['count', 'out']], false), 'end');
  return flowDoc(nodes, edges, { returnType: 'Integer' });
}

/** Checks that every step follows from the previous one along an edge (or Break/Continue's jump). */
function expectTraceFollowsEdges(flow: CompiledFlow, trace: TraceStep[]): void {
  expect(trace[0]?.nodeId).toBe(flow.start.node.id);
  for (let i = 1; i < trace.length; i++) {
    const previous = trace[i - 1]!;
    const node = flow.nodes.get(previous.nodeId)!;
    const role = node.definition.role;
    let expected: string | undefined;
    if (role === 'break') expected = flow.nodes.get(node.loop!)!.exits.get('done');
    else if (role === 'continue') expected = node.loop;
    else expected = node.exits.get(previous.port!);
    expect(trace[i]!.nodeId).toBe(expected);
  }
}

describe('random valid flows', () => {
  it('compile, terminate within the limits, and leave a trace that follows the edges', async () => {
    await fc.assert(
      fc.asyncProperty(statements, async (program) => {
        const document = toFlow(program);
        const flow = compiled(document, engine);
        const result = await run(flow, {}, { maxSteps: 400 });
        if (result.status === 'failed') expect(result.error?.kind).toMatch(/^(StepLimitExceeded|ExpressionError)$/);
        else expect(result.trace.at(-1)?.nodeId).toBe('end');
        expect(result.trace.length).toBeLessThanOrEqual(400);
        expectTraceFollowsEdges(flow, result.trace);
      }),
      { numRuns: Number(process.env.FLOW_PROPERTY_RUNS ?? 300) },
    );
  }, 120_000);
});

/** Unstructured graphs: every port of every node goes to a random node; only the ones that validate are run. */
const randomGraph = fc.integer({ min: 1, max: 12 }).chain((size) =>
  fc.tuple(
    fc.array(fc.constantFrom('LogMessage', 'ChangeVariable', 'Decision', 'Merge'), { minLength: size, maxLength: size }),
    fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: size, maxLength: size }),
  ),
);

function graphToFlow(kinds: string[], targets: Array<[number, number]>): FlowDocument {
  const ids = kinds.map((_, i) => `n${i}`);
  const nodes: NodeSpec[] = [
    ['start', 'Start'],
    ['count', 'CreateVariable', { variableName: 'Count', type: 'Integer', value: '0' }],
    ...kinds.map((kind, i): NodeSpec => {
      if (kind === 'ChangeVariable') return [ids[i]!, kind, { variable: 'Count', value: '$Count + 1' }];
      if (kind === 'Decision') return [ids[i]!, kind, { condition: `$Count % ${i + 2} = 0` }];
      if (kind === 'LogMessage') return [ids[i]!, kind, { message: '{{ $Count }}' }];
      return [ids[i]!, kind];
    }),
    ['end', 'End'],
  ];
  const pick = (n: number): string => (n % (ids.length + 1) === ids.length ? 'end' : ids[n % (ids.length + 1)]!);
  const edges: EdgeSpec[] = [
    ['start', 'out', 'count'],
    ['count', 'out', ids[0]!],
  ];
  // Mostly forward to the next node (so most graphs are reachable), sometimes anywhere (so cycles and skips appear).
  const forward = (i: number, n: number): string => (n % 3 === 0 ? pick(n) : (ids[i + 1] ?? 'end'));
  kinds.forEach((kind, i) => {
    const [a, b] = targets[i]!;
    if (kind === 'Decision') edges.push([ids[i]!, 'true', forward(i, a)], [ids[i]!, 'false', pick(b)]);
    else edges.push([ids[i]!, 'out', forward(i, a)]);
  });
  return flowDoc(nodes, edges);
}

describe('random graphs', () => {
  it('those that validate run to an End or the step limit, along their edges', async () => {
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(randomGraph, async ([kinds, targets]) => {
        const result = compile(graphToFlow(kinds, targets), engine);
        if (!result.ok) return;
        valid++;
        const outcome = await run(result.flow, {}, { maxSteps: 300 });
        if (outcome.status === 'failed') expect(outcome.error?.kind).toBe('StepLimitExceeded');
        else expect(outcome.trace.at(-1)?.nodeId).toBe('end');
        expectTraceFollowsEdges(result.flow, outcome.trace);
      }),
      { numRuns: Number(process.env.FLOW_PROPERTY_RUNS ?? 300) },
    );
    expect(valid).toBeGreaterThan(30);
  }, 120_000);
});

describe('compile on arbitrary input', () => {
  it('never throws on random JSON', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = compile(input, engine);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on valid flows with random values put anywhere', () => {
    const base = toFlow([{ kind: 'loop', count: 2, body: [{ kind: 'inc', by: 1 }], exit: 'break' }, { kind: 'if', then: [{ kind: 'log' }], else: [] }]);
    const paths = collectPaths(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        const mutated = structuredClone(base) as unknown as Record<string, unknown>;
        setAt(mutated, path, value);
        expect(() => compile(mutated, engine)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

function collectPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...collectPaths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...collectPaths(v, [...prefix, k]));
  return out.filter((p) => p.length > 0);
}

function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let current: unknown = target;
  for (const key of path.slice(0, -1)) current = (current as Record<string | number, unknown>)[key];
  (current as Record<string | number, unknown>)[path.at(-1)!] = value;
}
