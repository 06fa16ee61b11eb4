import { describe, expect, it } from 'vitest';
import { compile, coreRuntimeModule, createEngine, run, type CompiledFlow } from '../src/index.js';
import { chain, compiled, flowDoc } from './builder.js';

const engine = createEngine([coreRuntimeModule]);

describe('Create Variable and Change Variable', () => {
  it('creates a variable and changes it, returning the last value', async () => {
    const doc = chain(
      [
        ['c', 'CreateVariable', { variableName: 'Count', type: 'Integer', value: '1' }],
        ['x', 'ChangeVariable', { variable: 'Count', value: '$Count + 41' }],
      ],
      { returnType: 'Integer', returnValue: '$Count' },
    );
    const result = await run(compiled(doc, engine), {});
    expect(result).toMatchObject({ status: 'succeeded', result: 42 });
    expect(result.trace.find((s) => s.nodeId === 'x')).toMatchObject({ inputs: { value: 42 }, output: 42, port: 'out', edgeId: 'e2' });
  });

  it('creates an empty variable when no initial value is given', async () => {
    const doc = chain([['c', 'CreateVariable', { variableName: 'Name', type: 'String' }]], { returnType: 'String', returnValue: '$Name' });
    const result = await run(compiled(doc, engine), {});
    expect(result.status).toBe('succeeded');
    expect(result.result).toBeNull();
  });

  it('fails with TypeMismatch when a value does not fit the variable type at run time', async () => {
    const doc = chain(
      [
        ['c', 'CreateVariable', { variableName: 'Count', type: 'Integer', value: '0' }],
        ['x', 'ChangeVariable', { variable: 'Count', value: '$lookup({"a": "x"}, "a")' }],
      ],
    );
    const result = await run(compiled(doc, engine), {});
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ kind: 'TypeMismatch', activity: 'x' });
    expect(result.error?.message).toMatch(/Count is Integer, but the value is a string/);
  });

  it('evaluates JSONata functions and object constructors through JSONata', async () => {
    const doc = chain([['c', 'CreateVariable', { variableName: 'Order', type: 'JSON', value: '{"id": $uppercase("a1"), "total": $sum([1, 2, 3])}' }]], {
      returnType: 'JSON',
      returnValue: '$Order',
    });
    expect((await run(compiled(doc, engine), {})).result).toEqual({ id: 'A1', total: 6 });
  });
});

describe('Decision and Merge', () => {
  const doc = flowDoc(
    [
      ['start', 'Start'],
      ['d', 'Decision', { condition: '$Amount > 100' }],
      ['big', 'CreateVariable', { variableName: 'Big', type: 'String', value: '"big"' }],
      ['small', 'CreateVariable', { variableName: 'Small', type: 'String', value: '"small"' }],
      ['m', 'Merge'],
      ['end', 'End', { returnValue: '$Amount' }],
    ],
    [
      ['start', 'out', 'd'],
      ['d', 'true', 'big'],
      ['d', 'false', 'small'],
      ['big', 'out', 'm'],
      ['small', 'out', 'm'],
      ['m', 'out', 'end'],
    ],
    { parameters: [{ name: 'Amount', type: 'Decimal' }], returnType: 'Decimal' },
  );
  const flow = compiled(doc, engine);

  it.each([
    [150, 'true', 'big'],
    [50, 'false', 'small'],
  ])('with %d follows the %s path through the merge', async (amount, port, node) => {
    const result = await run(flow, { Amount: amount });
    expect(result.trace.map((s) => s.nodeId)).toEqual(['start', 'd', node, 'm', 'end']);
    expect(result.trace[1]!.port).toBe(port);
  });

  it('fails with TypeMismatch when the condition is not a boolean', async () => {
    const other = structuredClone(doc);
    other.nodes[1]!.config = { condition: '$Amount' };
    const result = await run(compiled({ ...other, parameters: [{ name: 'Amount', type: 'JSON' }] }, engine), { Amount: 'yes' });
    expect(result.error).toMatchObject({ kind: 'TypeMismatch', activity: 'd' });
  });
});

describe('enumeration Decision', () => {
  const colours = createEngine([coreRuntimeModule, { definitions: { enumerations: [{ name: 'Colour', values: [{ value: 'red', label: 'Red' }, { value: 'blue', label: 'Blue' }] }] }, implementations: [] }]);
  const doc = flowDoc(
    [
      ['start', 'Start'],
      ['d', 'Decision', { condition: '$C', enumeration: 'Colour' }],
      ['r', 'End', { returnValue: '"R"' }],
      ['b', 'End', { returnValue: '"B"' }],
      ['n', 'End', { returnValue: '"none"' }],
    ],
    [
      ['start', 'out', 'd'],
      ['d', 'red', 'r'],
      ['d', 'blue', 'b'],
      ['d', 'empty', 'n'],
    ],
    { parameters: [{ name: 'C', type: 'Enum<Colour>' }], returnType: 'String' },
  );

  it('follows the path of the value, and "empty" when there is none', async () => {
    const flow = compiled(doc, colours);
    expect((await run(flow, { C: 'blue' })).result).toBe('B');
    expect((await run(flow, { C: 'red' })).result).toBe('R');
    expect((await run(flow, {})).result).toBe('none');
  });

  it('refuses a parameter value outside the enumeration', async () => {
    const result = await run(compiled(doc, colours), { C: 'green' });
    expect(result.error).toMatchObject({ kind: 'InvalidParameter' });
  });
});

describe('Loop, Break and Continue', () => {
  const sumFlow = (extra: 'none' | 'break' | 'continue'): CompiledFlow => {
    const nodes: Parameters<typeof flowDoc>[0] = [
      ['start', 'Start'],
      ['sum', 'CreateVariable', { variableName: 'Sum', type: 'Integer', value: '0' }],
      ['loop', 'Loop', { list: '$Numbers', iterator: 'N' }],
      ['d', 'Decision', { condition: '$N = 3' }],
      ['add', 'ChangeVariable', { variable: 'Sum', value: '$Sum + $N' }],
      ['end', 'End', { returnValue: '$Sum' }],
    ];
    const edges: Parameters<typeof flowDoc>[1] = [
      ['start', 'out', 'sum'],
      ['sum', 'out', 'loop'],
      ['loop', 'body', 'd'],
      ['loop', 'done', 'end'],
      ['d', 'false', 'add'],
      ['add', 'out', 'loop'],
    ];
    if (extra === 'none') edges.push(['d', 'true', 'add']);
    else {
      nodes.push(['x', extra === 'break' ? 'Break' : 'Continue']);
      edges.push(['d', 'true', 'x']);
    }
    return compiled(flowDoc(nodes, edges, { parameters: [{ name: 'Numbers', type: 'List<Integer>' }], returnType: 'Integer' }), engine);
  };

  it('runs the body once per item, with the item in scope', async () => {
    expect((await run(sumFlow('none'), { Numbers: [1, 2, 3, 4] })).result).toBe(10);
  });

  it('Break leaves the loop at once and continues after it', async () => {
    const result = await run(sumFlow('break'), { Numbers: [1, 2, 3, 4] });
    expect(result.result).toBe(3);
    expect(result.trace.map((s) => s.nodeId).slice(-2)).toEqual(['x', 'end']);
  });

  it('Continue skips the rest of the iteration only', async () => {
    expect((await run(sumFlow('continue'), { Numbers: [1, 2, 3, 4] })).result).toBe(7);
  });

  it('an empty or missing list runs no iteration', async () => {
    expect((await run(sumFlow('none'), { Numbers: [] })).result).toBe(0);
    expect((await run(sumFlow('none'), {})).result).toBe(0);
  });

  it('records the item as the loop step output and the done port at the end', async () => {
    const result = await run(sumFlow('none'), { Numbers: [5] });
    const loopSteps = result.trace.filter((s) => s.nodeId === 'loop');
    expect(loopSteps.map((s) => [s.port, s.output])).toEqual([
      ['body', 5],
      ['done', undefined],
    ]);
  });

  it('nested loops keep their own position', async () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['acc', 'CreateVariable', { variableName: 'Pairs', type: 'List<String>', value: '[]' }],
        ['outer', 'Loop', { list: '["a","b"]', iterator: 'A' }],
        ['inner', 'Loop', { list: '[1,2]', iterator: 'B' }],
        ['push', 'ChangeVariable', { variable: 'Pairs', value: '$append($Pairs, $A & $string($B))' }],
        ['end', 'End', { returnValue: '$Pairs' }],
      ],
      [
        ['start', 'out', 'acc'],
        ['acc', 'out', 'outer'],
        ['outer', 'body', 'inner'],
        ['outer', 'done', 'end'],
        ['inner', 'body', 'push'],
        ['inner', 'done', 'outer'],
        ['push', 'out', 'inner'],
      ],
      { returnType: 'List<String>' },
    );
    expect((await run(compiled(doc, engine), {})).result).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('fails with NotAList when the loop expression is not a list', async () => {
    const result = await run(sumFlow('none'), { Numbers: [1] }).then(async () => {
      const doc = flowDoc(
        [
          ['start', 'Start'],
          ['loop', 'Loop', { list: '$X', iterator: 'I' }],
          ['end', 'End'],
        ],
        [
          ['start', 'out', 'loop'],
          ['loop', 'body', 'loop'],
          ['loop', 'done', 'end'],
        ],
        { parameters: [{ name: 'X', type: 'JSON' }] },
      );
      return run(compiled(doc, engine), { X: 'abc' });
    });
    expect(result.error).toMatchObject({ kind: 'NotAList', activity: 'loop' });
  });
});

describe('error paths', () => {
  const doc = flowDoc(
    [
      ['start', 'Start'],
      ['boom', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '$error("no stock")' }],
      ['handler', 'LogMessage', { level: 'error', message: 'failed: {{ $latestError.message }} at {{ $latestError.activity }}' }],
      ['end', 'End', { returnValue: '$latestError.kind' }],
      ['ok', 'End', { returnValue: '"ok"' }],
    ],
    [
      ['start', 'out', 'boom'],
      ['boom', 'out', 'ok'],
      ['boom', 'error', 'handler'],
      ['handler', 'out', 'end'],
    ],
    { returnType: 'String' },
  );

  it('follows the error edge with $latestError in scope', async () => {
    const result = await run(compiled(doc, engine), {});
    expect(result.status).toBe('succeeded');
    expect(result.result).toBe('ExpressionError');
    expect(result.logs[0]?.message).toBe('failed: no stock at boom');
    expect(result.trace[1]).toMatchObject({ nodeId: 'boom', port: 'error', error: { kind: 'ExpressionError', activity: 'boom' } });
  });

  it('without an error edge the run fails with the error, traced on the failing node', async () => {
    const noHandler = structuredClone(doc);
    noHandler.edges = noHandler.edges.filter((e) => e.sourcePort !== 'error' && e.source !== 'handler');
    noHandler.nodes = noHandler.nodes.filter((n) => n.id !== 'handler' && n.id !== 'end');
    const result = await run(compiled(noHandler, engine), {});
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ kind: 'ExpressionError', activity: 'boom', message: 'no stock' });
    expect(result.trace.at(-1)).toMatchObject({ nodeId: 'boom', error: { kind: 'ExpressionError' } });
    expect(result.trace.at(-1)?.port).toBeUndefined();
  });

  it('Error End raises a named error with an evaluated message', async () => {
    const raise = flowDoc(
      [
        ['start', 'Start'],
        ['fail', 'ErrorEnd', { errorKind: 'OrderRejected', message: 'order {{ $Id }} rejected' }],
        ['end', 'End'],
      ],
      [['start', 'out', 'fail']],
      { parameters: [{ name: 'Id', type: 'String' }] },
    );
    const compiledRaise = compile(raise, engine);
    // The End is unreachable on purpose: a flow needs an End, so this one reports it.
    expect(compiledRaise.ok).toBe(false);
    raise.nodes = raise.nodes.filter((n) => n.id !== 'end');
    raise.nodes.push({ id: 'd', kind: 'core.Decision', position: { x: 0, y: 0 }, config: { condition: '$Id = "x"' } }, { id: 'end', kind: 'core.End', position: { x: 0, y: 0 }, config: {} });
    raise.edges = [
      { id: 'a', source: 'start', sourcePort: 'out', target: 'd' },
      { id: 'b', source: 'd', sourcePort: 'true', target: 'end' },
      { id: 'c', source: 'd', sourcePort: 'false', target: 'fail' },
    ];
    const result = await run(compiled(raise, engine), { Id: 'A7' });
    expect(result.error).toMatchObject({ kind: 'OrderRejected', message: 'order A7 rejected', activity: 'fail' });
  });

  it('Error End on an error path with no kind re-raises $latestError', async () => {
    const rethrow = flowDoc(
      [
        ['start', 'Start'],
        ['boom', 'LogMessage', { message: '{{ $error("inner") }}' }],
        ['log', 'LogMessage', { message: 'cleaning up' }],
        ['fail', 'ErrorEnd'],
        ['end', 'End'],
      ],
      [
        ['start', 'out', 'boom'],
        ['boom', 'out', 'end'],
        ['boom', 'error', 'log'],
        ['log', 'out', 'fail'],
      ],
    );
    const result = await run(compiled(rethrow, engine), {});
    expect(result.error).toMatchObject({ kind: 'ExpressionError', message: 'inner', activity: 'boom' });
    expect(result.logs.map((l) => l.message)).toEqual(['cleaning up']);
  });
});

describe('Log Message', () => {
  it('writes the level and the evaluated template, and streams it through onLog', async () => {
    const lines: string[] = [];
    const doc = chain([['l', 'LogMessage', { level: 'warning', message: 'total {{ $T * 2 }} for {{ $N }}' }]], { parameters: [{ name: 'T', type: 'Integer' }, { name: 'N', type: 'String' }] });
    const result = await run(compiled(doc, engine), { T: 21, N: 'Ana' }, { onLog: (line) => lines.push(`${line.level}:${line.message}`) });
    expect(lines).toEqual(['warning:total 42 for Ana']);
    expect(result.logs[0]).toMatchObject({ level: 'warning', nodeId: 'l', message: 'total 42 for Ana' });
  });
});

describe('Change Variable target spelling', () => {
  it('accepts the variable written as $Name, as expressions spell it', async () => {
    const doc = chain(
      [
        ['c', 'CreateVariable', { variableName: 'Count', type: 'Integer', value: '1' }],
        ['x', 'ChangeVariable', { variable: '$Count', value: '$Count * 5' }],
      ],
      { returnType: 'Integer', returnValue: '$Count' },
    );
    expect((await run(compiled(doc, engine), {})).result).toBe(5);
  });
});
