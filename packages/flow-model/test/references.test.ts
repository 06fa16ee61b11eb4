import { describe, expect, it } from 'vitest';
import { indexReferences, MAX_REFERENCES, usagesOf, type Reference } from '../src/index.js';
import { chain } from './builder.js';
import { catalogue, flows, settings } from './workspace-fixture.js';

const index = indexReferences({ flows, settings }, catalogue);
const pick = (r: Reference) => [r.usage, r.flow ?? 'settings', r.nodeLabel ?? '', r.field];

describe('the reference index', () => {
  it('finds the flows a flow is referenced by: callback fields, Call Flow and after-startup settings', () => {
    expect(usagesOf(index, 'flow', 'CB_Order').map(pick)).toEqual([['callback-flow', 'ASU_Start', 'OrderPlaced → CB_Order', 'callbackFlow']]);
    expect(usagesOf(index, 'flow', 'SUB_Size').map(pick)).toEqual([['call-flow', 'ASU_Start', 'Size check', 'flow']]);
    expect(usagesOf(index, 'flow', 'ASU_Start').map(pick)).toEqual([['after-startup', 'settings', '', 'afterStartupFlows[0]']]);
  });

  it('finds constants in expressions, templates, table cells, parameter maps, constant fields and settings', () => {
    expect(usagesOf(index, 'constant', 'Shop.Url').map(pick)).toEqual([
      ['constant-in-expression', 'CB_Order', 'Log Message', 'message'],
      ['constant-in-expression', 'ASU_Start', 'Send', 'entries'],
    ]);
    expect(usagesOf(index, 'constant', 'Shop.ApiKey').map(pick)).toEqual([
      ['settings-constant', 'settings', '', 'eventEndpoint.apiKeyConstant'],
      ['constant-field', 'ASU_Start', 'Send', 'secretKey'],
    ]);
    expect(usagesOf(index, 'constant', 'Shop.DefaultSize').map(pick)).toEqual([['constant-in-expression', 'ASU_Start', 'Size check', 'parameters']]);
  });

  it('finds enumerations in parameter, return and variable types and in enumeration fields', () => {
    expect(usagesOf(index, 'enumeration', 'shop.Size').map(pick)).toEqual([
      ['type', 'SUB_Size', '', 'parameters[0].type'],
      ['type', 'SUB_Size', '', 'returnType'],
      ['type', 'ASU_Start', 'Create Variable', 'type'],
      ['enumeration-field', 'ASU_Start', 'Decision', 'enumeration'],
    ]);
  });

  it('finds event types bound and used in literal values, lists and table cells, never in computed ones', () => {
    expect(usagesOf(index, 'eventType', 'OrderPlaced').map(pick)).toEqual([
      ['event-type-binding', 'ASU_Start', 'OrderPlaced → CB_Order', 'eventType'],
      ['event-type-use', 'ASU_Start', 'Send', 'routes'],
      ['event-type-use', 'ASU_Start', 'Send', 'entries[0].detailType'],
    ]);
    expect(usagesOf(index, 'eventType', 'OrderShipped').map(pick)).toEqual([['event-type-use', 'ASU_Start', 'Send', 'routes']]);
    expect(index.references.some((r) => r.targetKind === 'eventType' && r.target.includes('dynamic'))).toBe(false);
  });

  it('finds the called flow parameters each Call Flow argument is given for', () => {
    expect(usagesOf(index, 'parameter', 'SUB_Size.Size').map(pick)).toEqual([['flow-parameter', 'ASU_Start', 'Size check', 'parameters']]);
  });

  it('names nodes by caption, falling back to the activity label, never by id', () => {
    for (const r of index.references) if (r.nodeId) expect(r.nodeLabel).not.toBe(r.nodeId);
  });

  it('skips nodes of unknown kinds and stops at its bound, saying so', () => {
    const unknown = chain([['x', 'nope.Thing', { flow: 'CB_Order' }]], { name: 'ACT_Unknown' });
    expect(indexReferences({ flows: [unknown] }, catalogue).references).toEqual([]);
    const many = chain([], { name: 'ACT_Many' });
    const settingsOnly = { afterStartupFlows: Array.from({ length: MAX_REFERENCES + 5 }, () => 'ACT_Many') };
    const big = indexReferences({ flows: [many], settings: settingsOnly }, catalogue);
    expect(big.references.length).toBe(MAX_REFERENCES);
    expect(big.truncated).toBe(true);
  });
});
