import { describe, expect, it } from 'vitest';
import { createCatalogue, coreModule, validate, validateWorkspace, type Catalogue } from '../src/index.js';
import { chain } from './builder.js';
import { catalogue, flows } from './workspace-fixture.js';

const withFlows = (base: Catalogue, signatures: Array<{ name: string; parameters: Array<{ name: string; type: string }> }>): Catalogue => ({ ...base, flows: new Map(signatures.map((s) => [s.name, s])) });

describe('cross-flow validation', () => {
  it('reports two bindings of one event type on each binding node, naming the other by caption and flow', () => {
    const second = chain([['bind2', 'test.Bind', { eventType: "'OrderPlaced'", callbackFlow: 'CB_Order' }]], { name: 'ACT_Rebind' });
    second.nodes[1]!.label = 'Bind again';
    const problems = validateWorkspace({ flows: [...flows, second] }, catalogue);
    const rebind = problems.get('ACT_Rebind')!;
    expect(rebind).toEqual([expect.objectContaining({ code: 'duplicate-event-binding', nodeId: 'bind2', field: 'eventType' })]);
    expect(rebind[0]!.message).toContain('"OrderPlaced → CB_Order" in ASU_Start');
    expect(problems.get('ASU_Start')![0]!.message).toContain('"Bind again" in ACT_Rebind');
    expect(validateWorkspace({ flows }, catalogue).size).toBe(0);
  });

  it('reports a Call Flow argument whose type does not match the called parameter', () => {
    const base = withFlows(createCatalogue([coreModule]), [{ name: 'SUB_Count', parameters: [{ name: 'Count', type: 'Integer' }] }]);
    const caller = chain(
      [
        ['t', 'CreateVariable', { variableName: 'Total', type: 'Decimal', value: '1.5' }],
        ['c', 'CallFlow', { flow: 'SUB_Count', parameters: { Count: '$Total' } }],
      ],
      { name: 'ACT_Caller' },
    );
    caller.nodes.find((n) => n.id === 'c')!.label = 'Count it';
    const problems = validate(caller, base);
    expect(problems).toEqual([expect.objectContaining({ code: 'type-mismatch', nodeId: 'c', field: 'parameters' })]);
    expect(problems[0]!.message).toBe('"Count it": parameter Count must be Integer, but the expression gives Decimal.');
  });

  it('reports parameter names that are not identifiers, with a suggestion', () => {
    const problems = validate(chain([], { parameters: [{ name: 'order id', type: 'String' }, { name: 'Fine', type: 'String' }] }), createCatalogue([coreModule]));
    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-parameter-name', field: 'parameters[0].name' })]);
    expect(problems[0]!.message).toContain('OrderId');
  });

  it('reports variable names that are not identifiers on the node that declares them', () => {
    const flow = chain([['v', 'CreateVariable', { variableName: 'my total', type: 'Decimal', value: '1' }]]);
    expect(validate(flow, createCatalogue([coreModule]))).toEqual([expect.objectContaining({ code: 'invalid-variable-name', nodeId: 'v' })]);
  });

  it('reports storing a value of a type the target variable cannot hold, including rounded numbers into text', () => {
    const flow = chain([
      ['t', 'CreateVariable', { variableName: 'Total', type: 'Decimal', value: '1.5' }],
      ['s', 'CreateVariable', { variableName: 'Text', type: 'String', value: "''" }],
      ['c', 'ChangeVariable', { variable: 'Text', value: '$round($Total, 2)' }],
      ['i', 'CreateVariable', { variableName: 'Whole', type: 'Integer', value: '$floor($Total)' }],
    ]);
    flow.nodes.find((n) => n.id === 'c')!.label = 'Keep the total';
    const problems = validate(flow, createCatalogue([coreModule]));
    expect(problems).toEqual([expect.objectContaining({ code: 'type-mismatch', nodeId: 'c', field: 'value' })]);
    expect(problems[0]!.message).toBe('"Keep the total": New value must be String, but the expression gives Decimal.');
  });
});
