import { describe, expect, it } from 'vitest';
import { groupFlows, prefixOf, withoutDoubledPrefix } from './grouping';

describe('flow grouping', () => {
  it('groups by prefix, known prefixes first, flows without a prefix last', () => {
    const groups = groupFlows([{ name: 'misc' }, { name: 'CB_Order' }, { name: 'ZZ_Thing' }, { name: 'ACT_B' }, { name: 'ACT_A' }]);
    expect(groups.map((g) => g.prefix)).toEqual(['ACT', 'CB', 'ZZ', '']);
    expect(groups[0]!.flows.map((f) => f.name)).toEqual(['ACT_A', 'ACT_B']);
  });

  it('a leading or trailing underscore is not a prefix', () => {
    expect(prefixOf('_Hidden')).toBe('');
    expect(prefixOf('ACT_')).toBe('');
  });
});

describe('typed flow names', () => {
  it('a doubled prefix is collapsed, whatever the prefix', () => {
    expect(withoutDoubledPrefix('ACT_ACT_Order')).toBe('ACT_Order');
    expect(withoutDoubledPrefix('CB_CB_CB_OrderPlaced')).toBe('CB_OrderPlaced');
    expect(withoutDoubledPrefix('ACT_Order')).toBe('ACT_Order');
    expect(withoutDoubledPrefix('ACT_ASU_Mixed')).toBe('ACT_ASU_Mixed');
  });
});
