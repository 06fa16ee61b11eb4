import { describe, expect, it } from 'vitest';
import { ShapeValidator, type ModelDocument } from '../src/events/model/shape-validator.js';

const MODEL: ModelDocument = {
  source: 'test model',
  operations: { Make: 'MakeRequest' },
  shapes: {
    MakeRequest: { type: 'structure', required: ['Name', 'Kind'], members: [['Name', 'Name'], ['Kind', 'Kind'], ['Items', 'Items'], ['Tags', 'Tags'], ['Size', 'Size']] },
    Name: { type: 'string', min: 2, max: 4, pattern: '[a-z]+' },
    Kind: { type: 'string', enum: ['ONE', 'TWO'] },
    Items: { type: 'list', max: 2, member: 'Item' },
    Item: { type: 'structure', required: ['Id'], members: [['Id', 'Name'], ['Note', 'Note']] },
    Note: { type: 'string', pattern: '.*' },
    Tags: { type: 'map', max: 1, key: 'Note', value: 'Note' },
    Size: { type: 'integer', min: 1, max: 9 },
  },
};

function messageFor(input: Record<string, never> | object, validator = new ShapeValidator(MODEL)): string {
  try {
    validator.validate('Make', input as never).throwIfAny();
    return 'valid';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('model-driven request validation', () => {
  it('lists every failure in model order, each member’s pattern before its length, absent members as null', () => {
    expect(messageFor({ Name: 'ABCDE', Size: 10 })).toBe(
      "4 validation errors detected: Value 'ABCDE' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
        "Value 'ABCDE' at 'name' failed to satisfy constraint: Member must have length less than or equal to 4; " +
        "Value null at 'kind' failed to satisfy constraint: Member must not be null; " +
        "Value '10' at 'size' failed to satisfy constraint: Member must have value less than or equal to 9",
    );
  });

  it('walks list items and nested structures with AWS’s paths and prints structures as Java classes do', () => {
    expect(messageFor({ Name: 'ab', Kind: 'ONE', Items: [{ Id: 'ok' }, { Note: 'two\nlines' }, { Id: 'abcde' }] })).toBe(
      "4 validation errors detected: Value '[Item(id=ok, note=null), Item(id=null, note=two\nlines), Item(id=abcde, note=null)]' at 'items' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value null at 'items.2.member.id' failed to satisfy constraint: Member must not be null; " +
        "Value 'two\nlines' at 'items.2.member.note' failed to satisfy constraint: Member must satisfy regular expression pattern: .*; " +
        "Value 'abcde' at 'items.3.member.id' failed to satisfy constraint: Member must have length less than or equal to 4",
    );
  });

  it('checks map sizes and prints maps as {k=v}', () => {
    expect(messageFor({ Name: 'ab', Kind: 'TWO', Tags: { a: '1', b: '2' } })).toBe(
      "1 validation error detected: Value '{a=1, b=2}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 1",
    );
  });

  it('applies recorded quirks: another enum order, case-insensitive enums, extra printed fields', () => {
    const quirky = new ShapeValidator(MODEL, { enumOrder: { Kind: ['TWO', 'ONE'] }, caseInsensitiveEnums: new Set(['Kind']), extraFields: { Item: ['hidden'] } });
    expect(messageFor({ Name: 'ab', Kind: 'one' }, quirky)).toBe('valid');
    expect(messageFor({ Name: 'ab', Kind: 'THREE', Items: [{ Id: 'aa' }, { Id: 'bb' }, { Id: 'cc' }] }, quirky)).toBe(
      "2 validation errors detected: Value 'THREE' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [TWO, ONE]; " +
        "Value '[Item(id=aa, note=null, hidden=null), Item(id=bb, note=null, hidden=null), Item(id=cc, note=null, hidden=null)]' at 'items' failed to satisfy constraint: Member must have length less than or equal to 2",
    );
  });

  it('an unknown operation has nothing to check', () => {
    expect(new ShapeValidator(MODEL).validate('Other', {}).size).toBe(0);
  });
});
