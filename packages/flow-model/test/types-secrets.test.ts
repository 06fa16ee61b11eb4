import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTypeName, coreModule, createCatalogue, formatType, isAssignableName, parseType, redact, secretStrings, typeHasSecrets } from '../src/index.js';

const catalogue = createCatalogue([
  coreModule,
  {
    objectTypes: [
      { name: 'Credentials', fields: [{ name: 'accessKeyId', type: 'String' }, { name: 'secretAccessKey', type: 'String', secret: true }, { name: 'sessionToken', type: 'String', secret: true }] },
      { name: 'Connection', fields: [{ name: 'url', type: 'String' }, { name: 'credentials', type: 'Credentials' }] },
    ],
    enumerations: [{ name: 'aws.Region', values: [{ value: 'eu-west-1', label: 'Ireland' }] }],
  },
]);

describe('type names', () => {
  it.each(['String', 'Integer', 'Decimal', 'Boolean', 'DateTime', 'JSON', 'List<Integer>', 'List<List<String>>', 'Enum<aws.Region>', 'Credentials'])('%s reads back as itself', (name) => {
    const parsed = parseType(name);
    expect(parsed.ok && formatType(parsed.type)).toBe(name);
  });

  it('normalises spaces', () => {
    const parsed = parseType(' List< Enum< aws.Region > > ');
    expect(parsed.ok && formatType(parsed.type)).toBe('List<Enum<aws.Region>>');
  });

  it.each(['', 'List<>', 'List<Integer', 'Enum<>', '1abc', 'List', 'a b'])('%j is not a type, with a message', (name) => {
    const parsed = parseType(name);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/type/);
  });

  it('names object types and enumerations the catalogue lacks', () => {
    expect(checkTypeName('Credentials', catalogue)).toBeNull();
    expect(checkTypeName('Invoice', catalogue)).toMatch(/no object type "Invoice"/);
    expect(checkTypeName('List<Enum<acme.Colour>>', catalogue)).toMatch(/no enumeration "acme.Colour"/);
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseType(text)));
  });

  it.each([
    ['Integer', 'Decimal', true],
    ['Decimal', 'Integer', false],
    ['String', 'Credentials', false],
    ['JSON', 'Credentials', true],
    ['Credentials', 'JSON', true],
    ['Enum<aws.Region>', 'String', true],
    ['String', 'Enum<aws.Region>', false],
    ['List<Integer>', 'List<Decimal>', true],
    ['List<String>', 'List<Integer>', false],
    ['Credentials', 'Connection', false],
  ])('%s assignable to %s: %s', (source, target, expected) => {
    expect(isAssignableName(source, target)).toBe(expected);
  });
});

describe('secrets by type', () => {
  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'very-secret', sessionToken: 'token-123' };

  it('redacts secret fields, keeps the rest, and leaves the original intact', () => {
    expect(redact(credentials, 'Credentials', catalogue)).toEqual({ accessKeyId: 'AKID', secretAccessKey: '***', sessionToken: '***' });
    expect(credentials.secretAccessKey).toBe('very-secret');
  });

  it('redacts nested objects and lists of them', () => {
    const connection = { url: 'https://x', credentials };
    expect(redact([connection], 'List<Connection>', catalogue)).toEqual([{ url: 'https://x', credentials: { accessKeyId: 'AKID', secretAccessKey: '***', sessionToken: '***' } }]);
    expect(typeHasSecrets('List<Connection>', catalogue)).toBe(true);
    expect(typeHasSecrets('Error', catalogue)).toBe(false);
  });

  it('collects the secret strings for masking elsewhere', () => {
    expect([...secretStrings({ url: 'u', credentials }, 'Connection', catalogue)].sort()).toEqual(['token-123', 'very-secret']);
  });

  it('keeps an empty secret field empty', () => {
    expect(redact({ accessKeyId: 'A', secretAccessKey: null }, 'Credentials', catalogue)).toEqual({ accessKeyId: 'A', secretAccessKey: null });
  });
});
