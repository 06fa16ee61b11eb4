/**
 * Run-time type checks of values against type names: parameters when a run starts, variables when
 * Create/Change Variable and Call Flow assign them. Empty (null or missing) fits every type, as in Mendix.
 */
import { parseType, type Catalogue, type TypeRef } from '@flowbridge/flow-model';

/** Returns null when the value fits, else what it is instead (for an error message). */
export type TypeCheck = (value: unknown) => string | null;

/** Compiles the check for a type name once; unknown names check nothing (validate reports them). */
export function compileTypeCheck(type: string, catalogue: Catalogue): TypeCheck {
  const parsed = parseType(type);
  if (!parsed.ok) return () => null;
  const check = build(parsed.type, catalogue);
  return (value) => (value === undefined || value === null ? null : check(value));
}

/** A short description of a value for messages: never its content, which may be secret. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal number';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function build(type: TypeRef, catalogue: Catalogue): (value: unknown) => string | null {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'String':
          return (v) => (typeof v === 'string' ? null : describeValue(v));
        case 'Integer':
          return (v) => (typeof v === 'number' && Number.isInteger(v) ? null : describeValue(v));
        case 'Decimal':
          return (v) => (typeof v === 'number' ? null : describeValue(v));
        case 'Boolean':
          return (v) => (typeof v === 'boolean' ? null : describeValue(v));
        case 'DateTime':
          return (v) => (typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? null : typeof v === 'string' ? 'a string that is not an ISO-8601 date-time' : describeValue(v));
        case 'JSON':
          return () => null;
      }
      return () => null;
    case 'list': {
      const item = build(type.item, catalogue);
      return (v) => {
        if (!Array.isArray(v)) return describeValue(v);
        for (let i = 0; i < v.length; i++) {
          if (v[i] === null || v[i] === undefined) continue;
          const problem = item(v[i]);
          if (problem) return `a list whose item ${i} is ${problem}`;
        }
        return null;
      };
    }
    case 'enum': {
      const values = new Set(catalogue.enumerations.get(type.name)?.values.map((v) => v.value) ?? []);
      return (v) => (typeof v === 'string' && (values.size === 0 || values.has(v)) ? null : typeof v === 'string' ? `"${v.slice(0, 40)}", not a value of ${type.name}` : describeValue(v));
    }
    case 'object':
      return (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : describeValue(v));
  }
}
