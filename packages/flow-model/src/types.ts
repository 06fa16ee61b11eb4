/**
 * Type names of the flow language. A type is written as a string in documents and definitions:
 *
 *   String | Integer | Decimal | Boolean | DateTime | JSON | List<T> | Enum<Name> | <ObjectTypeName>
 *
 * DateTime values are ISO-8601 strings at run time (what JSONata's `$now()` yields); JSON is the
 * dynamic type (any JSON value, checked only at run time); object types are declared by connectors
 * in their `CatalogueModule.objectTypes` and compared by name.
 */
import type { Catalogue } from './activity-definition.js';

export const PRIMITIVE_TYPES = ['String', 'Integer', 'Decimal', 'Boolean', 'DateTime', 'JSON'] as const;
export type PrimitiveTypeName = (typeof PRIMITIVE_TYPES)[number];

/** A parsed type name. */
export type TypeRef =
  | { kind: 'primitive'; name: PrimitiveTypeName }
  | { kind: 'list'; item: TypeRef }
  | { kind: 'enum'; name: string }
  | { kind: 'object'; name: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Parses a type name; answers a message saying what is wrong when it is not one. */
export function parseType(text: string): { ok: true; type: TypeRef } | { ok: false; message: string } {
  const source = text.trim();
  if (source === '') return { ok: false, message: 'A type name is required, e.g. String or List<Integer>.' };
  if ((PRIMITIVE_TYPES as readonly string[]).includes(source)) return { ok: true, type: { kind: 'primitive', name: source as PrimitiveTypeName } };
  const generic = /^(List|Enum)\s*<(.*)>$/s.exec(source);
  if (generic) {
    const [, wrapper, inner = ''] = generic;
    if (wrapper === 'Enum') {
      const name = inner.trim();
      return IDENTIFIER.test(name) ? { ok: true, type: { kind: 'enum', name } } : { ok: false, message: `"${source}" is not a type: Enum<...> takes an enumeration name, e.g. Enum<aws.Region>.` };
    }
    const item = parseType(inner);
    return item.ok ? { ok: true, type: { kind: 'list', item: item.type } } : { ok: false, message: `"${source}" is not a type: ${item.message}` };
  }
  if (IDENTIFIER.test(source) && !['List', 'Enum'].includes(source)) return { ok: true, type: { kind: 'object', name: source } };
  return {
    ok: false,
    message: `"${source}" is not a type; use String, Integer, Decimal, Boolean, DateTime, JSON, List<T>, Enum<Name> or an object type name.`,
  };
}

/** The canonical text of a type (what `parseType` reads back). */
export function formatType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'list':
      return `List<${formatType(type.item)}>`;
    case 'enum':
      return `Enum<${type.name}>`;
    case 'object':
      return type.name;
  }
}

/** The message for a type name that does not parse or names an object type or enumeration the catalogue lacks; null when fine. */
export function checkTypeName(text: string, catalogue: Catalogue): string | null {
  const parsed = parseType(text);
  if (!parsed.ok) return parsed.message;
  return unknownNameIn(parsed.type, catalogue);
}

function unknownNameIn(type: TypeRef, catalogue: Catalogue): string | null {
  switch (type.kind) {
    case 'primitive':
      return null;
    case 'list':
      return unknownNameIn(type.item, catalogue);
    case 'enum':
      return catalogue.enumerations.has(type.name) ? null : `There is no enumeration "${type.name}"; is its connector installed?`;
    case 'object':
      return catalogue.objectTypes.has(type.name) ? null : `There is no object type "${type.name}"; is its connector installed?`;
  }
}

/**
 * True when a value of type `source` may be used where `target` is expected. JSON is dynamic both
 * ways (checked at run time); an Integer is a Decimal; an enumeration value is a String; object types
 * match by name only.
 */
export function isAssignable(source: TypeRef, target: TypeRef): boolean {
  if (target.kind === 'primitive' && target.name === 'JSON') return true;
  if (source.kind === 'primitive' && source.name === 'JSON') return true;
  if (source.kind === 'primitive' && target.kind === 'primitive') {
    return source.name === target.name || (source.name === 'Integer' && target.name === 'Decimal');
  }
  if (source.kind === 'enum' && target.kind === 'primitive') return target.name === 'String';
  if (source.kind === 'list' && target.kind === 'list') return isAssignable(source.item, target.item);
  if (source.kind === 'enum' && target.kind === 'enum') return source.name === target.name;
  if (source.kind === 'object' && target.kind === 'object') return source.name === target.name;
  return false;
}

/** `isAssignable` on type names; names that do not parse are treated as JSON (their own problem is reported elsewhere). */
export function isAssignableName(source: string, target: string): boolean {
  const s = parseType(source);
  const t = parseType(target);
  return !s.ok || !t.ok || isAssignable(s.type, t.type);
}

/** The type of an object field, by path (`['credentials','secretAccessKey']`), or undefined when unknown. */
export function fieldType(type: TypeRef, path: readonly string[], catalogue: Catalogue): TypeRef | undefined {
  let current: TypeRef = type;
  for (const name of path) {
    if (current.kind !== 'object') return current.kind === 'primitive' && current.name === 'JSON' ? current : undefined;
    const field = catalogue.objectTypes.get(current.name)?.fields.find((f) => f.name === name);
    if (!field) return undefined;
    const parsed = parseType(field.type);
    if (!parsed.ok) return undefined;
    current = parsed.type;
  }
  return current;
}
