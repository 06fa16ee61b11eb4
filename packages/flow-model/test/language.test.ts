import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  coreModule,
  createCatalogue,
  decisionPorts,
  flowDocumentSchema,
  migrateDocument,
  parseDocument,
  portsOf,
  decision,
  validate,
  variablesInScope,
  withConstants,
  withFlows,
  type Catalogue,
  type FlowSignature,
  type Problem,
} from '../src/index.js';
import { chain, flowDoc } from './builder.js';

const catalogue = createCatalogue([
  coreModule,
  {
    objectTypes: [{ name: 'Credentials', fields: [{ name: 'accessKeyId', type: 'String' }, { name: 'secretAccessKey', type: 'String', secret: true }] }],
    enumerations: [{ name: 'Colour', values: [{ value: 'red', label: 'Red' }, { value: 'blue', label: 'Blue' }] }],
    activities: [
      {
        kind: 'test.UseCredentials',
        label: 'Use Credentials',
        category: 'Test',
        icon: 'u',
        description: 'Needs credentials.',
        fields: [
          { name: 'credentials', label: 'Credentials', widget: 'variable-ref', type: 'Credentials', required: true },
          { name: 'key', label: 'Key', widget: 'constant', type: 'String' },
        ],
        ports: [{ id: 'out' }],
      },
    ],
  },
]);

const codes = (problems: Problem[]): string[] => problems.map((p) => p.code);

describe('variables in scope', () => {
  const doc = flowDoc(
    [
      ['start', 'Start'],
      ['a', 'CreateVariable', { variableName: 'A', type: 'Integer', value: '1' }],
      ['d', 'Decision', { condition: '$A > 0' }],
      ['b', 'CreateVariable', { variableName: 'B', type: 'String', value: '"b"' }],
      ['m', 'Merge'],
      ['loop', 'Loop', { list: '$Items', iterator: 'Item' }],
      ['inner', 'CreateVariable', { variableName: 'Inner', type: 'Integer', value: '$Item' }],
      ['risky', 'LogMessage', { message: 'x' }],
      ['handler', 'LogMessage', { message: '{{ $latestError.message }}' }],
      ['end', 'End'],
      ['errEnd', 'End'],
    ],
    [
      ['start', 'out', 'a'],
      ['a', 'out', 'd'],
      ['d', 'true', 'b'],
      ['d', 'false', 'm'],
      ['b', 'out', 'm'],
      ['m', 'out', 'loop'],
      ['loop', 'body', 'inner'],
      ['inner', 'out', 'loop'],
      ['loop', 'done', 'risky'],
      ['risky', 'out', 'end'],
      ['risky', 'error', 'handler'],
      ['handler', 'out', 'errEnd'],
    ],
    { parameters: [{ name: 'Items', type: 'List<Integer>' }] },
  );
  const names = (nodeId: string): string[] => variablesInScope(doc, catalogue, nodeId).map((v) => v.name);

  it('has the parameters at the start and what every path defined later', () => {
    expect(names('start')).toEqual(['Items']);
    expect(variablesInScope(doc, catalogue, 'd')).toEqual([
      { name: 'A', type: 'Integer' },
      { name: 'Items', type: 'List<Integer>' },
    ]);
  });

  it('leaves out a variable defined on one branch only after the branches merge', () => {
    expect(names('m')).toEqual(['A', 'Items']);
  });

  it('has the loop item, typed from the list, only inside the body', () => {
    expect(variablesInScope(doc, catalogue, 'inner')).toContainEqual({ name: 'Item', type: 'Integer' });
    expect(names('risky')).not.toContain('Item');
    expect(names('risky')).not.toContain('Inner');
  });

  it('has $latestError only on the error path', () => {
    expect(names('handler')).toContain('latestError');
    expect(names('end')).not.toContain('latestError');
  });

  it('answers an empty list for garbage rather than throwing', () => {
    expect(variablesInScope({ nodes: 'x' } as never, catalogue, 'a')).toEqual([]);
  });

  it('the document validates', () => {
    expect(validate(doc, catalogue)).toEqual([]);
  });
});

describe('validate: the rule list', () => {
  it('a variable used where it is not defined on every path', () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['d', 'Decision', { condition: 'true' }],
        ['b', 'CreateVariable', { variableName: 'B', type: 'String', value: '"b"' }],
        ['log', 'LogMessage', { message: '{{ $B }} and {{ $Nope }}' }],
        ['end', 'End'],
      ],
      [
        ['start', 'out', 'd'],
        ['d', 'true', 'b'],
        ['d', 'false', 'log'],
        ['b', 'out', 'log'],
        ['log', 'out', 'end'],
      ],
    );
    const problems = validate(doc, catalogue);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'variable-not-in-scope', nodeId: 'log', field: 'message' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-variable', nodeId: 'log' }));
  });

  it('$latestError outside an error path', () => {
    const problems = validate(chain([['log', 'LogMessage', { message: '{{ $latestError.message }}' }]]), catalogue);
    expect(problems.find((p) => p.code === 'variable-not-in-scope')?.message).toMatch(/only on error paths/);
  });

  it('duplicate variable names, with parameters too', () => {
    const doc = chain(
      [
        ['a', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '1' }],
        ['b', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '2' }],
        ['c', 'CreateVariable', { variableName: 'P', type: 'Integer', value: '2' }],
      ],
      { parameters: [{ name: 'P', type: 'Integer' }] },
    );
    expect(validate(doc, catalogue).filter((p) => p.code === 'duplicate-variable').map((p) => p.nodeId)).toEqual(['b', 'c']);
  });

  it('a String where Credentials is required', () => {
    const doc = chain(
      [
        ['s', 'CreateVariable', { variableName: 'Key', type: 'String', value: '"abc"' }],
        ['use', 'test.UseCredentials', { credentials: '$Key' }],
      ],
    );
    const mismatch = validate(doc, catalogue).find((p) => p.code === 'type-mismatch');
    expect(mismatch).toMatchObject({ nodeId: 'use', field: 'credentials' });
    expect(mismatch?.message).toMatch(/must be Credentials, but the expression gives String/);
  });

  it('type mismatches in Create Variable, Change Variable, End and Decision', () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['n', 'CreateVariable', { variableName: 'N', type: 'Integer', value: '"seven"' }],
        ['c', 'ChangeVariable', { variable: 'N', value: '1.5' }],
        ['d', 'Decision', { condition: '$N + 1' }],
        ['end', 'End', { returnValue: '$N > 2' }],
      ],
      [
        ['start', 'out', 'n'],
        ['n', 'out', 'c'],
        ['c', 'out', 'd'],
        ['d', 'true', 'end'],
        ['d', 'false', 'end'],
      ],
      { returnType: 'String' },
    );
    const mismatches = validate(doc, catalogue).filter((p) => p.code === 'type-mismatch').map((p) => p.nodeId);
    expect(mismatches.sort()).toEqual(['c', 'd', 'end', 'n']);
  });

  it('an Integer is fine where a Decimal is needed, and an enumeration literal where its enumeration is', () => {
    const doc = chain(
      [
        ['n', 'CreateVariable', { variableName: 'N', type: 'Decimal', value: '7' }],
        ['c', 'CreateVariable', { variableName: 'C', type: 'Enum<Colour>', value: '"red"' }],
      ],
    );
    expect(validate(doc, catalogue)).toEqual([]);
    doc.nodes[2]!.config.value = '"green"';
    expect(codes(validate(doc, catalogue))).toContain('type-mismatch');
  });

  it('decisions must cover their outcomes; the empty outcome of an enumeration only warns', () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['d', 'Decision', { condition: '$C', enumeration: 'Colour' }],
        ['end', 'End'],
      ],
      [
        ['start', 'out', 'd'],
        ['d', 'red', 'end'],
      ],
      { parameters: [{ name: 'C', type: 'Enum<Colour>' }] },
    );
    const problems = validate(doc, catalogue).filter((p) => p.code === 'decision-uncovered');
    expect(problems.map((p) => [p.severity, p.message.match(/"(.*)"$|outcome "([^"]+)"/)?.[2]])).toEqual([
      ['error', 'Blue'],
      ['warning', '(empty)'],
    ]);
    expect(portsOf(decision, { enumeration: 'Colour' }, catalogue).map((p) => p.id)).toEqual(['red', 'blue', 'empty']);
    expect(decisionPorts({}).map((p) => p.id)).toEqual(['true', 'false']);
  });

  it('Break and Continue outside a loop, and a loop body that escapes', () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['d', 'Decision', { condition: 'true' }],
        ['brk', 'Break'],
        ['loop', 'Loop', { list: '[1,2]', iterator: 'I' }],
        ['body', 'LogMessage', { message: 'x' }],
        ['after', 'LogMessage', { message: 'y' }],
        ['end', 'End'],
      ],
      [
        ['start', 'out', 'd'],
        ['d', 'true', 'brk'],
        ['d', 'false', 'loop'],
        ['loop', 'body', 'body'],
        ['body', 'out', 'after'],
        ['loop', 'done', 'after'],
        ['after', 'out', 'end'],
      ],
    );
    const problems = validate(doc, catalogue);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'outside-loop', nodeId: 'brk' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'loop-body-escapes', nodeId: 'after' }));
  });

  it('a loop needs both its body and its done flow', () => {
    const doc = chain([['loop', 'Loop', { list: '[1]', iterator: 'I' }]]);
    doc.edges = doc.edges.map((e) => (e.source === 'loop' ? { ...e, sourcePort: 'done' } : e));
    expect(validate(doc, catalogue)).toContainEqual(expect.objectContaining({ code: 'loop-port-missing', nodeId: 'loop' }));
  });

  it('Call Flow targets that do not exist, missing and unknown parameters', () => {
    const flows = new Map<string, FlowSignature>([['SUB_Add', { name: 'SUB_Add', parameters: [{ name: 'A', type: 'Integer' }, { name: 'B', type: 'Integer' }], returnType: 'Integer' }]]);
    const withSub: Catalogue = withFlows(catalogue, flows);
    const doc = chain([
      ['c1', 'CallFlow', { flow: 'SUB_Nope', parameters: {} }],
      ['c2', 'CallFlow', { flow: 'SUB_Add', parameters: { A: '"one"', C: '1' }, outputVariable: 'Sum' }],
      ['use', 'ChangeVariable', { variable: 'Sum', value: '"text"' }],
    ]);
    const problems = validate(doc, withSub);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-flow', nodeId: 'c1' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'missing-parameter', nodeId: 'c2' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-parameter', nodeId: 'c2' }));
    expect(problems.filter((p) => p.code === 'type-mismatch').map((p) => p.nodeId).sort()).toEqual(['c2', 'use']);
    // Without the workspace's flows, targets are not judged.
    expect(codes(validate(doc, catalogue))).not.toContain('unknown-flow');
  });

  it('secret constants are refused in expressions, allowed in constant fields; unknown constants are reported', () => {
    const constants = withConstants(catalogue, new Map([
      ['Aws.Secret', { name: 'Aws.Secret', secret: true }],
      ['Aws.Url', { name: 'Aws.Url', secret: false }],
    ]));
    const doc = chain(
      [
        ['log', 'LogMessage', { message: "{{ $constant('Aws.Url') }} {{ $constant('Aws.Secret') }} {{ $constant('Aws.Nope') }}" }],
        ['use', 'test.UseCredentials', { credentials: '$C', key: 'Aws.Secret' }],
      ],
      { parameters: [{ name: 'C', type: 'Credentials' }] },
    );
    const problems = validate(doc, constants);
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['secret-constant-in-expression', 'log'],
      ['unknown-constant', 'log'],
    ]);
  });

  it('unknown parameter and return types', () => {
    const doc = chain([], { parameters: [{ name: 'X', type: 'Invoice' }], returnType: 'List<' });
    expect(codes(validate(doc, catalogue))).toEqual(expect.arrayContaining(['unknown-type', 'unknown-type']));
  });

  it('a flow with a return type needs a return value on each End', () => {
    expect(codes(validate(chain([], { returnType: 'Integer' }), catalogue))).toContain('missing-return-value');
  });

  it('an expression that does not parse, with its position', () => {
    const problems = validate(chain([['c', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '1 +' }]]), catalogue);
    expect(problems.find((p) => p.code === 'expression-syntax')?.message).toMatch(/position \d+/);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(Array.isArray(validate(input, catalogue))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on a real flow with any value put anywhere', () => {
    const base = chain([
      ['loop', 'Loop', { list: '[1,2]', iterator: 'I' }],
      ['c', 'CallFlow', { flow: 'X', parameters: { A: '1' } }],
    ]);
    base.edges.push({ id: 'body', source: 'loop', sourcePort: 'body', target: 'loop' });
    base.edges = base.edges.map((e) => (e.source === 'loop' && e.sourcePort === 'out' ? { ...e, sourcePort: 'done' } : e));
    const paths = collectPaths(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        const mutated = structuredClone(base) as unknown as Record<string, unknown>;
        setAt(mutated, path, value);
        expect(Array.isArray(validate(mutated, catalogue))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('format versions and the JSON Schema', () => {
  it('a current document passes through the migrations unchanged', () => {
    const doc = chain([]);
    const migrated = migrateDocument(doc);
    expect(migrated).toEqual({ ok: true, document: doc, from: 1 });
  });

  it('migrates step by step through every version in between', () => {
    const migrations = {
      1: (d: Record<string, unknown>) => ({ ...d, renamed: d.old, old: undefined }),
      2: (d: Record<string, unknown>) => ({ ...d, twice: true }),
    };
    const result = migrateDocument({ formatVersion: 1, old: 'value' }, migrations, 3);
    expect(result).toMatchObject({ ok: true, from: 1, document: { formatVersion: 3, renamed: 'value', twice: true } });
  });

  it('says so when there is no migration from an old version', () => {
    const result = migrateDocument({ formatVersion: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/older than any this Flowbridge can read/);
  });

  it('parseDocument reads through the migrations', () => {
    expect(parseDocument({ formatVersion: 0, name: 'x' }).ok).toBe(false);
    expect(parseDocument(chain([])).ok).toBe(true);
  });

  it('the committed flow.schema.json is the one generated from the schema source', () => {
    const committed = readFileSync(new URL('../flow.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(flowDocumentSchema, null, 2)}\n`);
  });

  it('the schema requires what parseDocument requires', () => {
    expect(flowDocumentSchema.required).toEqual(['formatVersion', 'name', 'parameters', 'nodes', 'edges', 'annotations']);
    expect(flowDocumentSchema.properties.nodes.items.required).toEqual(['id', 'kind', 'position', 'config']);
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

describe('activity checks', () => {
  it('Error End names must be names', () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['d', 'Decision', { condition: 'true' }],
        ['fail', 'ErrorEnd', { errorKind: 'not a name!' }],
        ['end', 'End'],
      ],
      [
        ['start', 'out', 'd'],
        ['d', 'true', 'fail'],
        ['d', 'false', 'end'],
      ],
    );
    expect(validate(doc, catalogue)).toContainEqual(expect.objectContaining({ code: 'invalid-error-kind', nodeId: 'fail', field: 'errorKind' }));
  });

  it("a connector's check that throws becomes a problem on its node, and the other problems stay", () => {
    const broken = createCatalogue([
      coreModule,
      {
        activities: [
          { kind: 'test.Broken', label: 'Broken', category: 'Test', icon: 'b', description: 'x', fields: [], ports: [{ id: 'out' }], validate: () => { throw new Error('bug'); } },
        ],
      },
    ]);
    const doc = chain([
      ['b', 'test.Broken'],
      ['log', 'LogMessage', { message: '{{ $Nope }}' }],
    ]);
    const problems = validate(doc, broken);
    expect(problems).toContainEqual(expect.objectContaining({ code: 'internal', nodeId: 'b' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-variable', nodeId: 'log' }));
  });
});

describe('termination', () => {
  it('a cycle with no way to an End is reported on its nodes', () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['d0', 'Decision', { condition: 'true' }],
        ['m', 'Merge'],
        ['log', 'LogMessage', { message: 'again' }],
        ['end', 'End'],
      ],
      [
        ['start', 'out', 'd0'],
        ['d0', 'true', 'end'],
        ['d0', 'false', 'm'],
        ['m', 'out', 'log'],
        ['log', 'out', 'm'],
      ],
    );
    expect(validate(doc, catalogue).filter((p) => p.code === 'no-path-to-end').map((p) => p.nodeId).sort()).toEqual(['log', 'm']);
  });
});
