import { describe, expect, it } from 'vitest';
import { createEmptyFlow, flowDocumentSchema, serializeFlow } from '../src/index.js';
import { chain } from './builder.js';

/** The JSON Schema keywords flow.schema.json uses, checked the way any draft 2020-12 validator does. */
function conforms(schema: Record<string, unknown>, value: unknown, path = '$'): string[] {
  if ('const' in schema) return value === schema.const ? [] : [`${path}: must be ${JSON.stringify(schema.const)}`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' && value.length >= ((schema.minLength as number | undefined) ?? 0) ? [] : [`${path}: must be a string`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: must be a number`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => conforms(schema.items as Record<string, unknown>, item, `${path}[${i}]`)) : [`${path}: must be an array`];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: must be an object`];
      const record = value as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const errors = ((schema.required ?? []) as string[]).filter((key) => !(key in record)).map((key) => `${path}.${key}: is required`);
      for (const [key, item] of Object.entries(record)) {
        if (properties[key]) errors.push(...conforms(properties[key], item, `${path}.${key}`));
        else if (schema.additionalProperties === false) errors.push(`${path}.${key}: is not allowed`);
      }
      return errors;
    }
    default:
      return [];
  }
}

describe('flow.schema.json', () => {
  it('accepts what Flowbridge writes', () => {
    for (const doc of [createEmptyFlow('ACT_New'), chain([['c', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '1' }]], { parameters: [{ name: 'P', type: 'String' }], returnType: 'Integer', returnValue: '$X' })]) {
      expect(conforms(flowDocumentSchema, JSON.parse(serializeFlow(doc)))).toEqual([]);
    }
  });

  it('rejects documents with missing parts, wrong types or unknown keys, saying where', () => {
    const doc = JSON.parse(serializeFlow(createEmptyFlow('ACT_New'))) as Record<string, unknown>;
    delete doc.edges;
    (doc.nodes as Array<Record<string, unknown>>)[0]!.position = { x: 'left', y: 0 };
    doc.colour = 'red';
    expect(conforms(flowDocumentSchema, doc).sort()).toEqual(['$.colour: is not allowed', '$.edges: is required', '$.nodes[0].position.x: must be a number']);
  });
});
