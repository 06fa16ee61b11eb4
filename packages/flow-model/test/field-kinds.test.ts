import { describe, expect, it } from 'vitest';
import { FIELD_KINDS, fieldExpressions, fieldReferences, type FieldDefinition, type FieldWidget } from '../src/index.js';

const field = (widget: FieldWidget, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ name: 'f', label: 'F', widget, ...extra });

describe('the field-kind registry', () => {
  it('has an entry for every widget kind', () => {
    const kinds: FieldWidget[] = ['expression', 'template', 'text', 'select', 'region', 'variable-ref', 'variable-name', 'type', 'flow', 'checkbox', 'number', 'table', 'parameter-map', 'constant', 'variable', 'enumeration'];
    expect(Object.keys(FIELD_KINDS).sort()).toEqual([...kinds].sort());
  });

  it('finds the expressions a value holds, with their offsets', () => {
    expect(fieldExpressions(field('expression'), '$a + 1')).toEqual([{ source: '$a + 1', offset: 0 }]);
    expect(fieldExpressions(field('template'), 'Hi {{ $name }}!')).toEqual([{ source: '$name', offset: 5 }]);
    expect(fieldExpressions(field('parameter-map'), { a: '$x', b: '  ' })).toEqual([{ source: '$x', offset: 0 }]);
    expect(fieldExpressions(field('text'), '$not-an-expression')).toEqual([]);
    expect(fieldExpressions(field('expression'), '')).toEqual([]);
  });

  it('finds expressions in table cells by their column kind', () => {
    const table = field('table', { columns: [field('expression', { name: 'e', label: 'E' }), field('text', { name: 't', label: 'T' })] });
    const found = fieldExpressions(table, [{ e: '$one', t: '$literal' }, { e: '$two' }]);
    expect(found.map((e) => [e.source, e.column?.name])).toEqual([
      ['$one', 'e'],
      ['$two', 'e'],
    ]);
  });

  it('names the flows, constants and enumerations a value refers to', () => {
    expect(fieldReferences(field('flow'), 'CB_Order')).toEqual({ flows: ['CB_Order'], constants: [], enumerations: [] });
    expect(fieldReferences(field('constant'), 'Shop.ApiKey')).toEqual({ flows: [], constants: ['Shop.ApiKey'], enumerations: [] });
    expect(fieldReferences(field('enumeration'), 'aws.Region')).toEqual({ flows: [], constants: [], enumerations: ['aws.Region'] });
    expect(fieldReferences(field('template'), "url {{ $constant('Shop.Url') }} and {{ $constant('Shop.Url') }}")).toEqual({ flows: [], constants: ['Shop.Url'], enumerations: [] });
    const table = field('table', { columns: [field('constant', { name: 'c', label: 'C' })] });
    expect(fieldReferences(table, [{ c: 'A.B' }, { c: 'C.D' }])).toEqual({ flows: [], constants: ['A.B', 'C.D'], enumerations: [] });
  });
});
