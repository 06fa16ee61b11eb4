import { validate } from '@flowbridge/flow-model';
import { compile, coreRuntimeModule, createEngine, run } from '@flowbridge/runtime';
import { createCatalogue } from '@flowbridge/flow-model';
import { describe, expect, it } from 'vitest';
import { eventEndpointsOf, installedConnectors } from './connectors';
import { paletteGroups } from './palette/palette-groups';
import { testConnector, testConnectorManifest } from './test-connector';

const flow = (config: Record<string, unknown>) => ({
  formatVersion: 1,
  name: 'ACT_Shout',
  parameters: [],
  returnType: 'String',
  nodes: [
    { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'shout', kind: 'test.Shout', position: { x: 200, y: 0 }, config },
    { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: { returnValue: '$Shouted' } },
  ],
  edges: [
    { id: 'e1', source: 's', sourcePort: 'out', target: 'shout' },
    { id: 'e2', source: 'shout', sourcePort: 'out', target: 'e' },
  ],
  annotations: [],
});

describe('a connector activity declared once through defineActivity', () => {
  const catalogue = createCatalogue([...installedConnectors, testConnectorManifest]);

  it('appears in the palette under its category', () => {
    const testing = paletteGroups(catalogue, '').find((g) => g.category === 'Testing');
    expect(testing?.items.map((d) => d.kind)).toEqual(['test.Shout']);
    expect(paletteGroups(catalogue, 'upper-cases').flatMap((g) => g.items.map((d) => d.kind))).toEqual(['test.Shout']);
  });

  it('is checked by the validator: a required field left empty is a problem on that field', () => {
    const problems = validate(flow({ text: '', outputVariable: 'Shouted' }), catalogue);
    expect(problems).toEqual([expect.objectContaining({ code: 'required', nodeId: 'shout', field: 'text' })]);
    expect(validate(flow({ text: 'hi {{ $missing }}', outputVariable: 'Shouted' }), catalogue)).toEqual([expect.objectContaining({ code: 'unknown-variable', field: 'text' })]);
  });

  it('runs in the runtime with its fields evaluated', async () => {
    const engine = createEngine([coreRuntimeModule, testConnector]);
    const compiled = compile(flow({ text: "hey {{ 'you' }}", times: 2, outputVariable: 'Shouted' }), engine);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const result = await run(compiled.flow, {});
    expect(result).toMatchObject({ status: 'succeeded', result: 'HEY YOU HEY YOU' });
  });
});

describe('event endpoints of installed connectors', () => {
  it('are read from the manifests, so the editor names no connector to show them', () => {
    const hooks = { ...testConnectorManifest, eventEndpoints: [{ path: '/hooks/test/v1/shout', sender: 'Tester' }] };
    expect(eventEndpointsOf([...installedConnectors, hooks])).toEqual(expect.arrayContaining([{ path: '/hooks/test/v1/shout', sender: 'Tester' }]));
    expect(eventEndpointsOf([testConnectorManifest])).toEqual([]);
  });
});
