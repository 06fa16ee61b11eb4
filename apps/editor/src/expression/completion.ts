/**
 * Expression completion, independent of the editor widget: given the text and the cursor, what may
 * come next — variables in scope (with types), fields of object types, non-secret constants through
 * `$constant('…')`, enumeration values where an enumeration is expected, and JSONata functions.
 */
import { CONSTANT_FUNCTION, JSONATA_BUILTINS, fieldType, formatType, parseType, type Catalogue } from '@flowbridge/flow-model';

export interface ScopeVariable {
  name: string;
  type: string;
}

export interface CompletionScope {
  variables: readonly ScopeVariable[];
  catalogue: Catalogue;
  /** The type the expression must yield (e.g. `Enum<aws.Region>`), for enumeration values. */
  expectedType?: string;
  /**
   * Sample values of variables (a callback's last received event, a pasted sample): where the declared
   * type says no more (a JSON field such as `$HttpRequest.event.detail`), the sample's keys are offered.
   */
  samples?: Readonly<Record<string, unknown>>;
}

/** Keys offered from a sample object at most (a huge sample must not flood the list). */
const MAX_SAMPLE_KEYS = 200;

/** The value at `path` inside `sample`, when every step is a key of a plain object. */
function sampleAt(sample: unknown, path: readonly string[]): unknown {
  let value = sample;
  for (const step of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** A sample value's kind, shown beside its key. */
function sampleKind(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** A key as JSONata needs it after a dot: as it is when it is a name, else in backquotes (`detail-type`). */
function pathStep(key: string): string {
  return /^[A-Za-z_]\w*$/.test(key) ? key : `\`${key}\``;
}

export interface CompletionItem {
  label: string;
  /** The text inserted in place of [from, cursor). */
  apply: string;
  detail?: string;
  info?: string;
  /** Ranks the option above others of equal match quality (declaration order of fields). */
  boost?: number;
  kind: 'variable' | 'property' | 'constant' | 'enum' | 'function';
}

export interface CompletionResult {
  from: number;
  options: CompletionItem[];
}

/** The object/enumeration type name at the end of `$Var.a.b`, or undefined. */
function typeOfPath(scope: CompletionScope, variable: string, path: readonly string[]): string | undefined {
  const declared = scope.variables.find((v) => v.name === variable)?.type;
  const parsed = declared ? parseType(declared) : undefined;
  if (!parsed?.ok) return undefined;
  const type = fieldType(parsed.type, path, scope.catalogue);
  return type ? formatType(type) : undefined;
}

/** The values of the enumeration a type names (`Enum<X>`), or none. */
function enumerationValues(type: string | undefined, catalogue: Catalogue): ReadonlyArray<{ value: string; label: string }> {
  const parsed = type ? parseType(type) : undefined;
  if (!parsed?.ok || parsed.type.kind !== 'enum') return [];
  return catalogue.enumerations.get(parsed.type.name)?.values ?? [];
}

/** Completions at `cursor`, or null when nothing fits there. `explicit` is true for Ctrl+Space. */
export function complete(text: string, cursor: number, scope: CompletionScope, explicit = false): CompletionResult | null {
  const before = text.slice(0, cursor);

  const constantArg = /\$constant\(\s*(['"])([\w.]*)$/.exec(before);
  if (constantArg) {
    const quote = constantArg[1]!;
    const constants = [...(scope.catalogue.constants?.values() ?? [])].filter((c) => !c.secret);
    return {
      from: cursor - constantArg[2]!.length,
      options: constants.map((c) => ({ label: c.name, apply: `${c.name}${quote})`, detail: c.type ?? 'String', info: c.description, kind: 'constant' as const })),
    };
  }

  const path = /\$([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)\.(\w*)$/.exec(before);
  if (path) {
    const steps = path[2] ? path[2].slice(1).split('.') : [];
    const type = typeOfPath(scope, path[1]!, steps);
    const object = type ? scope.catalogue.objectTypes.get(type) : undefined;
    if (!object) {
      const sample = sampleAt(scope.samples?.[path[1]!], steps);
      if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return null;
      return {
        from: cursor - path[3]!.length,
        options: Object.entries(sample)
          .slice(0, MAX_SAMPLE_KEYS)
          .map(([key, value], i) => ({ label: key, apply: pathStep(key), detail: sampleKind(value), info: 'From a sample value', boost: 50 - Math.min(i, 50), kind: 'property' as const })),
      };
    }
    return {
      from: cursor - path[3]!.length,
      options: object.fields.map((f, i) => ({ label: f.name, apply: f.name, detail: f.type, info: f.description, boost: 50 - i, kind: 'property' as const })),
    };
  }

  const quoted = /(['"])([\w-]*)$/.exec(before);
  if (quoted) {
    const values = enumerationValues(scope.expectedType, scope.catalogue);
    if (values.length === 0) return null;
    const quote = quoted[1]!;
    return { from: cursor - quoted[2]!.length, options: values.map((v) => ({ label: v.value, apply: `${v.value}${quote}`, detail: v.label, kind: 'enum' as const })) };
  }

  const variable = /\$(\w*)$/.exec(before);
  const word = /[A-Za-z_]\w*$/.exec(before);
  if (!variable && !explicit && !word) return null;
  const from = variable ? cursor - variable[0].length : word ? cursor - word[0].length : cursor;
  const options: CompletionItem[] = scope.variables.map((v) => ({ label: `$${v.name}`, apply: `$${v.name}`, detail: v.type, kind: 'variable' }));
  options.push({ label: `$${CONSTANT_FUNCTION}('…')`, apply: `$${CONSTANT_FUNCTION}('`, detail: 'constant', info: 'Reads a (non-secret) constant by name.', kind: 'function' });
  for (const v of enumerationValues(scope.expectedType, scope.catalogue)) options.push({ label: `'${v.value}'`, apply: `'${v.value}'`, detail: v.label, kind: 'enum' });
  if (variable) for (const name of JSONATA_BUILTINS) options.push({ label: `$${name}()`, apply: `$${name}(`, detail: 'function', kind: 'function' });
  return { from, options };
}

/**
 * Completions in a template (`Hello {{ $Name }}`): only inside an open `{{ ... }}` placeholder, with
 * positions in the whole text.
 */
export function completeInTemplate(text: string, cursor: number, scope: CompletionScope, explicit = false): CompletionResult | null {
  const before = text.slice(0, cursor);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return null;
  const start = open + 2;
  const result = complete(text.slice(start, cursor), cursor - start, scope, explicit);
  return result ? { ...result, from: result.from + start } : null;
}
