import { describe, expect, it } from 'vitest';
import type { ActivityDefinition, FlowSignature } from '@flowbridge/flow-model';
import { coreRuntimeModule, createEngine, FlowError, run, type ActivityImplementation, type CompiledFlow, type RuntimeModule } from '../src/index.js';
import { chain, compiled, flowDoc } from './builder.js';
import { defineService } from '../src/index.js';

const SEEN = defineService<(value: unknown) => void>('seen');

/** A connector-like module: a Credentials type with a secret field, and activities that use it. */
const getCredentials: ActivityDefinition = {
  kind: 'test.GetCredentials',
  label: 'Get Credentials',
  category: 'Test',
  icon: 'k',
  description: 'Builds credentials from a secret constant.',
  fields: [
    { name: 'accessKeyId', label: 'Access key id', widget: 'expression', type: 'String', required: true },
    { name: 'secretAccessKey', label: 'Secret access key', widget: 'constant', type: 'String', required: true },
    { name: 'outputVariable', label: 'Variable', widget: 'variable-name', required: true },
  ],
  ports: [{ id: 'out' }],
  output: { variableField: 'outputVariable', type: 'Credentials' },
};
const useCredentials: ActivityDefinition = {
  kind: 'test.UseCredentials',
  label: 'Use Credentials',
  category: 'Test',
  icon: 'u',
  description: 'Reports what it received, through a host service.',
  fields: [{ name: 'credentials', label: 'Credentials', widget: 'variable-ref', type: 'Credentials', required: true }],
  ports: [{ id: 'out' }],
};
const wait: ActivityDefinition = {
  kind: 'test.Wait',
  label: 'Wait',
  category: 'Test',
  icon: 'w',
  description: 'Waits until aborted.',
  fields: [],
  ports: [{ id: 'out' }],
};
const testModule: RuntimeModule = {
  definitions: {
    activities: [getCredentials, useCredentials, wait],
    objectTypes: [
      {
        name: 'Credentials',
        fields: [
          { name: 'accessKeyId', type: 'String' },
          { name: 'secretAccessKey', type: 'String', secret: true },
        ],
      },
    ],
  },
  implementations: [
    {
      kind: 'test.GetCredentials',
      async execute(ctx) {
        return { output: { accessKeyId: await ctx.value('accessKeyId'), secretAccessKey: await ctx.value('secretAccessKey') } };
      },
    },
    {
      kind: 'test.UseCredentials',
      async execute(ctx) {
        const seen = ctx.service(SEEN);
        seen(await ctx.value('credentials'));
        return {};
      },
    },
    {
      kind: 'test.Wait',
      execute: (ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new FlowError('Aborted', 'saw the abort')));
        }),
    } satisfies ActivityImplementation,
  ],
};

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const constants = (name: string): { value: unknown; secret: boolean } | undefined =>
  ({ 'Aws.SecretKey': { value: SECRET, secret: true }, 'Aws.KeyId': { value: 'AKIDEXAMPLE', secret: false } })[name];

describe('secrets', () => {
  const engine = createEngine([coreRuntimeModule, testModule]);
  const doc = chain(
    [
      ['get', 'test.GetCredentials', { accessKeyId: "$constant('Aws.KeyId')", secretAccessKey: 'Aws.SecretKey', outputVariable: 'Creds' }],
      ['use', 'test.UseCredentials', { credentials: '$Creds' }],
      ['log', 'LogMessage', { message: 'key {{ $Creds.accessKeyId }} secret {{ $Creds.secretAccessKey }}' }],
    ],
    { returnType: 'Credentials', returnValue: '$Creds' },
  );

  it('gives activities the real secret but shows "***" in trace, logs and result', async () => {
    const seen: unknown[] = [];
    const streamed: string[] = [];
    const steps: unknown[] = [];
    const result = await run(compiled(doc, engine), {}, { constants, services: { seen: (v: unknown) => seen.push(v) }, onLog: (l) => streamed.push(l.message), onStep: (s) => steps.push(s) });
    expect(JSON.stringify(steps)).not.toContain(SECRET);
    expect(steps).toHaveLength(result.trace.length);
    expect(result.status).toBe('succeeded');
    expect(seen).toEqual([{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET }]);
    expect(result.result).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '***' });
    expect(result.logs[0]?.message).toBe('key AKIDEXAMPLE secret ***');
    expect(streamed).toEqual(['key AKIDEXAMPLE secret ***']);
    const get = result.trace.find((s) => s.nodeId === 'get')!;
    expect(get.inputs).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '***' });
    expect(get.output).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '***' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('refuses a secret constant in an expression with an error that says what to do', async () => {
    const leaky = chain([['log', 'LogMessage', { message: "{{ $constant('Aws.SecretKey') }}" }]]);
    const result = await run(compiled(leaky, engine), {}, { constants });
    expect(result.status).toBe('failed');
    expect(result.error?.kind).toBe('SecretConstantInExpression');
    expect(result.error?.message).toMatch(/field that takes a constant/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('fails with ConstantNotFound for a constant the host does not know', async () => {
    const missing = chain([['log', 'LogMessage', { message: "{{ $constant('Aws.Nope') }}" }]]);
    const result = await run(compiled(missing, engine), {}, { constants });
    expect(result.error).toMatchObject({ kind: 'ConstantNotFound', activity: 'log' });
  });

  it('masks a secret parameter field wherever its value shows up', async () => {
    const echo = chain([['log', 'LogMessage', { message: 'got {{ $C }}' }]], { parameters: [{ name: 'C', type: 'Credentials' }] });
    const result = await run(compiled(echo, engine), { C: { accessKeyId: 'AKID', secretAccessKey: SECRET } });
    expect(result.logs[0]?.message).toBe('got {"accessKeyId":"AKID","secretAccessKey":"***"}');
  });
});

describe('Call Flow', () => {
  const signatures = new Map<string, FlowSignature>([
    ['SUB_Double', { name: 'SUB_Double', parameters: [{ name: 'N', type: 'Integer' }], returnType: 'Integer' }],
    ['SUB_Fail', { name: 'SUB_Fail', parameters: [], returnType: undefined }],
    ['SUB_Recurse', { name: 'SUB_Recurse', parameters: [], returnType: undefined }],
  ]);
  const engine = createEngine([coreRuntimeModule], signatures);
  const flows = new Map<string, CompiledFlow>();
  flows.set('SUB_Double', compiled(chain([['l', 'LogMessage', { message: 'doubling {{ $N }}' }]], { name: 'SUB_Double', parameters: [{ name: 'N', type: 'Integer' }], returnType: 'Integer', returnValue: '$N * 2' }), engine));
  const failing = flowDoc(
    [
      ['start', 'Start'],
      ['d', 'Decision', { condition: 'true' }],
      ['fail', 'ErrorEnd', { errorKind: 'Rejected', message: 'no' }],
      ['end', 'End'],
    ],
    [
      ['start', 'out', 'd'],
      ['d', 'true', 'fail'],
      ['d', 'false', 'end'],
    ],
    { name: 'SUB_Fail' },
  );
  flows.set('SUB_Fail', compiled(failing, engine));
  flows.set('SUB_Recurse', compiled(chain([['call', 'CallFlow', { flow: 'SUB_Recurse', parameters: {} }]], { name: 'SUB_Recurse' }), engine));
  const options = { flows: (name: string) => flows.get(name) };

  it('passes parameters in and takes the return value out, nesting the called trace', async () => {
    const doc = chain([['call', 'CallFlow', { flow: 'SUB_Double', parameters: { N: '$X + 1' }, outputVariable: 'Y' }]], {
      parameters: [{ name: 'X', type: 'Integer' }],
      returnType: 'Integer',
      returnValue: '$Y',
    });
    const result = await run(compiled(doc, engine), { X: 20 }, options);
    expect(result.result).toBe(42);
    const call = result.trace.find((s) => s.nodeId === 'call')!;
    expect(call.call?.flow).toBe('SUB_Double');
    expect(call.call?.trace.map((s) => s.nodeId)).toEqual(['start', 'l', 'end']);
    expect(result.logs[0]).toMatchObject({ flow: 'SUB_Double', message: 'doubling 21' });
  });

  it("a called flow's error takes the caller's error path with its kind", async () => {
    const doc = flowDoc(
      [
        ['start', 'Start'],
        ['call', 'CallFlow', { flow: 'SUB_Fail', parameters: {} }],
        ['ok', 'End', { returnValue: '"ok"' }],
        ['handled', 'End', { returnValue: '$latestError.kind & ": " & $latestError.message' }],
      ],
      [
        ['start', 'out', 'call'],
        ['call', 'out', 'ok'],
        ['call', 'error', 'handled'],
      ],
      { returnType: 'String' },
    );
    const result = await run(compiled(doc, engine), {}, options);
    expect(result.result).toBe('Rejected: Flow SUB_Fail failed: no');
  });

  it('endless recursion fails with CallDepthExceeded', async () => {
    const result = await run(flows.get('SUB_Recurse')!, {}, { ...options, maxCallDepth: 5 });
    expect(result.error?.kind).toBe('CallDepthExceeded');
  });

  it('a flow the host cannot supply fails with FlowNotFound', async () => {
    const result = await run(flows.get('SUB_Recurse')!, {}, { flows: () => undefined });
    expect(result.error).toMatchObject({ kind: 'FlowNotFound', activity: 'call' });
  });
});

describe('limits', () => {
  const engine = createEngine([coreRuntimeModule, testModule]);
  const endless = flowDoc(
    [
      ['start', 'Start'],
      ['n', 'CreateVariable', { variableName: 'N', type: 'Integer', value: '0' }],
      ['m', 'Merge'],
      ['inc', 'ChangeVariable', { variable: 'N', value: '$N + 1' }],
      ['d', 'Decision', { condition: '$N < 0' }],
      ['end', 'End'],
    ],
    [
      ['start', 'out', 'n'],
      ['n', 'out', 'm'],
      ['m', 'out', 'inc'],
      ['inc', 'out', 'd'],
      ['d', 'true', 'end'],
      ['d', 'false', 'm'],
    ],
  );

  it('an endless loop ends with StepLimitExceeded and a trace', async () => {
    const result = await run(compiled(endless, engine), {}, { maxSteps: 500 });
    expect(result.error?.kind).toBe('StepLimitExceeded');
    expect(result.error?.message).toMatch(/500 steps/);
    // It says how a user raises the limit: the setting's name, where it goes.
    expect(result.error?.message).toMatch(/limits\.maxSteps in the workspace settings\.json/);
    expect(result.trace).toHaveLength(500);
  });

  it('a limit is not caught by an error path', async () => {
    const guarded = structuredClone(endless);
    guarded.nodes.push({ id: 'h', kind: 'core.End', position: { x: 0, y: 0 }, config: {} });
    guarded.edges.push({ id: 'eh', source: 'inc', sourcePort: 'error', target: 'h' });
    const result = await run(compiled(guarded, engine), {}, { maxSteps: 100 });
    expect(result.status).toBe('failed');
    expect(result.error?.kind).toBe('StepLimitExceeded');
  });

  it('a wall-clock timeout stops a synchronous endless loop too', async () => {
    const result = await run(compiled(endless, engine), {}, { maxSteps: 1e9, timeoutMs: 30 });
    expect(result.error?.kind).toBe('Timeout');
    expect(result.error?.message).toMatch(/limits\.runTimeMs in the workspace settings\.json/);
  });

  it('a timeout stops a runaway recursive expression inside JSONata', async () => {
    const doc = chain([['c', 'CreateVariable', { variableName: 'N', type: 'Integer', value: '($f := function($n) { $n > 0 ? $f($n - 1) : 0 }; $f(100000000))' }]]);
    const started = Date.now();
    const result = await run(compiled(doc, engine), {}, { timeoutMs: 100 });
    expect(result.error).toMatchObject({ kind: 'Timeout', activity: 'c' });
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);

  it('a timeout stops an activity that never finishes', async () => {
    const doc = chain([['w', 'test.Wait']]);
    const result = await run(compiled(doc, engine), {}, { timeoutMs: 20 });
    expect(result.error).toMatchObject({ kind: 'Timeout' });
    expect(result.trace.at(-1)).toMatchObject({ nodeId: 'w', error: { kind: 'Timeout' } });
  });

  it('aborting the signal cancels the run, and the activity sees the abort', async () => {
    const controller = new AbortController();
    const doc = chain([['w', 'test.Wait']]);
    const pending = run(compiled(doc, engine), {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const result = await pending;
    expect(result.error?.kind).toBe('Cancelled');
  });

  it('an already aborted signal runs no step', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run(compiled(endless, engine), {}, { signal: controller.signal });
    expect(result.error?.kind).toBe('Cancelled');
    expect(result.trace).toEqual([]);
  });

  it('runs interleave without sharing variables', async () => {
    const doc = chain([['w', 'LogMessage', { message: '{{ $X }}' }]], { parameters: [{ name: 'X', type: 'Integer' }], returnType: 'Integer', returnValue: '$X * 10' });
    const flow = compiled(doc, engine);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run(flow, { X: i })));
    expect(results.map((r) => r.result)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
  });

  it('reports each step through onStep as it completes, in trace order', async () => {
    const seen: string[] = [];
    const doc = chain([['l', 'LogMessage', { message: 'x' }]]);
    const result = await run(compiled(doc, engine), {}, { onStep: (s) => seen.push(s.nodeId) });
    expect(seen).toEqual(result.trace.map((s) => s.nodeId));
    expect(seen).toEqual(['start', 'l', 'end']);
  });

  it('refuses parameters of the wrong type before the first step', async () => {
    const doc = chain([], { parameters: [{ name: 'X', type: 'Integer' }] });
    const result = await run(compiled(doc, engine), { X: 'seven' });
    expect(result.error).toMatchObject({ kind: 'InvalidParameter' });
    expect(result.error?.message).toMatch(/X .* must be Integer, but it is a string/);
  });
});

describe('Call Flow parameters', () => {
  it('a parameter of the wrong type fails the Call Flow node, which its error path can handle', async () => {
    const signatures = new Map<string, FlowSignature>([['SUB_Int', { name: 'SUB_Int', parameters: [{ name: 'N', type: 'Integer' }], returnType: undefined }]]);
    const engine = createEngine([coreRuntimeModule], signatures);
    const sub = compiled(chain([], { name: 'SUB_Int', parameters: [{ name: 'N', type: 'Integer' }] }), engine);
    const doc = chain([['call', 'CallFlow', { flow: 'SUB_Int', parameters: { N: '$lookup({"a": "x"}, "a")' } }]]);
    const result = await run(compiled(doc, engine), {}, { flows: () => sub });
    expect(result.error).toMatchObject({ kind: 'InvalidParameter', activity: 'call' });
  });
});

describe('trace snapshots', () => {
  const engine = createEngine([coreRuntimeModule]);

  it('are bounded: long text is cut and long lists are summarised', async () => {
    const doc = chain([['big', 'CreateVariable', { variableName: 'Big', type: 'JSON', value: '{"text": $pad("", 5000, "x"), "items": [1..500]}' }]]);
    const result = await run(compiled(doc, engine), {});
    const output = result.trace.find((s) => s.nodeId === 'big')?.output as { text: string; items: unknown[] };
    expect(output.text.length).toBeLessThan(2100);
    expect(output.text).toMatch(/3000 more characters/);
    expect(output.items).toHaveLength(51);
    expect(output.items.at(-1)).toBe('… 450 more items');
  });

  it('stop recording at maxTraceSteps while the run goes on', async () => {
    const doc = chain(Array.from({ length: 20 }, (_, i) => [`l${i}`, 'LogMessage', { message: `${i}` }] as [string, string, Record<string, unknown>]));
    const result = await run(compiled(doc, engine), {}, { maxTraceSteps: 5 });
    expect(result.status).toBe('succeeded');
    expect(result.trace).toHaveLength(5);
    expect(result.traceTruncated).toBe(true);
    expect(result.logs).toHaveLength(20);
    expect(result.steps).toBe(22);
  });
});

describe('field evaluation for connectors', () => {
  const tableActivity: ActivityDefinition = {
    kind: 'test.Entries',
    label: 'Entries',
    category: 'Test',
    icon: 't',
    description: 'Reads a table and a parameter map.',
    fields: [
      {
        name: 'entries',
        label: 'Entries',
        widget: 'table',
        columns: [
          { name: 'detail', label: 'Detail', widget: 'expression' },
          { name: 'title', label: 'Title', widget: 'template' },
          { name: 'source', label: 'Source', widget: 'text' },
          { name: 'key', label: 'Key', widget: 'constant' },
        ],
      },
      { name: 'outputVariable', label: 'Variable', widget: 'variable-name' },
    ],
    ports: [{ id: 'out' }],
    output: { variableField: 'outputVariable', type: 'JSON' },
  };
  const engine = createEngine([
    coreRuntimeModule,
    { definitions: { activities: [tableActivity] }, implementations: [{ kind: 'test.Entries', execute: async (ctx) => ({ output: await ctx.value('entries') }) }] },
  ]);

  it('a table yields its rows with expression, template and constant cells evaluated and text as written', async () => {
    const doc = chain(
      [
        [
          't',
          'test.Entries',
          {
            entries: [
              { detail: '{"id": $Id}', title: 'order {{ $Id }}', source: 'shop', key: 'Aws.KeyId' },
              { detail: '$sum([1, 2])', title: 'plain', source: 'other', key: 'Aws.KeyId' },
            ],
            outputVariable: 'Rows',
          },
        ],
      ],
      { parameters: [{ name: 'Id', type: 'String' }], returnType: 'JSON', returnValue: '$Rows' },
    );
    const result = await run(compiled(doc, engine), { Id: 'A1' }, { constants });
    expect(result.result).toEqual([
      { detail: { id: 'A1' }, title: 'order A1', source: 'shop', key: 'AKIDEXAMPLE' },
      { detail: 3, title: 'plain', source: 'other', key: 'AKIDEXAMPLE' },
    ]);
  });
});

describe('values derived from secrets', () => {
  const engine = createEngine([coreRuntimeModule, testModule]);
  const derivedFlow = (expression: string) =>
    chain(
      [
        ['get', 'test.GetCredentials', { accessKeyId: "$constant('Aws.KeyId')", secretAccessKey: 'Aws.SecretKey', outputVariable: 'Creds' }],
        ['log', 'LogMessage', { message: `derived {{ ${expression} }}` }],
      ],
      { returnType: 'String', returnValue: expression },
    );
  const forms: Array<[string, string, string]> = [
    ['upper case', '$uppercase($Creds.secretAccessKey)', SECRET.toUpperCase()],
    ['lower case', '$lowercase($Creds.secretAccessKey)', SECRET.toLowerCase()],
    ['base64', '$base64encode($Creds.secretAccessKey)', Buffer.from(SECRET).toString('base64')],
    ['base64 of a concatenation', "$base64encode('k=' & $Creds.secretAccessKey)", Buffer.from(`k=${SECRET}`).toString('base64')],
    ['concatenation', "'Bearer ' & $Creds.secretAccessKey & '!'", SECRET],
    ['substring of half its length', '$substring($Creds.secretAccessKey, 5, 20)', SECRET.slice(5, 25)],
    ['URL encoding', '$encodeUrlComponent($Creds.secretAccessKey)', encodeURIComponent(SECRET)],
    ['reversal', "$join($reverse($split($Creds.secretAccessKey, '')), '')", [...SECRET].reverse().join('')],
  ];
  it.each(forms)('masks the %s of a secret in logs, trace and result', async (_form, expression, derived) => {
    const steps: unknown[] = [];
    const result = await run(compiled(derivedFlow(expression), engine), {}, { constants, onStep: (s) => steps.push(s) });
    expect(result.status).toBe('succeeded');
    const shown = JSON.stringify({ result, steps });
    expect(shown).not.toContain(derived);
    expect(shown).not.toContain(SECRET);
    expect(result.logs[0]?.message).toMatch(/^derived .*\*\*\*/);
  });

  it('leaves ordinary text alone', async () => {
    const result = await run(compiled(derivedFlow("'order ' & $Creds.accessKeyId & ' shipped'"), engine), {}, { constants });
    expect(result.logs[0]?.message).toBe('derived order AKIDEXAMPLE shipped');
  });
});
