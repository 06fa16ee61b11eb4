/**
 * The runtime's field-kind table: how a configured value of each `FieldWidget` becomes an evaluator,
 * compiled once per flow version. Keyed like flow-model's `FIELD_KINDS`; `null` means the activity gets
 * the raw config value. A new widget kind without an entry here fails the build.
 */
import type { FieldDefinition, FieldWidget } from '@flowbridge/flow-model';
import { compileJsonata, compileTemplateExpression, type Bindings } from './expressions.js';

/** What a field evaluator needs from the running step. */
export interface EvaluationScope {
  readonly variables: Bindings;
  /** Extra JSONata bindings (the `$constant` function). */
  readonly extra: Bindings;
  /** Resolves a constant for a `constant` field (secret-aware). */
  constant(name: string): unknown;
}

/** Evaluates one configured field; returns a promise only when it must. */
export type FieldEvaluator = (scope: EvaluationScope) => unknown;

/** Compiles a non-empty config value of one kind; undefined when the value is not one it evaluates. */
export type FieldCompiler = (field: FieldDefinition, value: unknown) => FieldEvaluator | undefined;

const compileExpressionField: FieldCompiler = (_field, value) => {
  if (typeof value !== 'string') return undefined;
  const expression = compileJsonata(value);
  return (scope) => expression.now(scope.variables, scope.extra);
};

const compileTemplateField: FieldCompiler = (_field, value) => {
  if (typeof value !== 'string') return undefined;
  const template = compileTemplateExpression(value);
  return (scope) => template.now(scope.variables, scope.extra);
};

const compileConstantField: FieldCompiler = (_field, value) => (typeof value === 'string' ? (scope) => scope.constant(value) : undefined);

const compileParameterMapField: FieldCompiler = (_field, value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).flatMap(([key, source]) => (typeof source === 'string' && source.trim() !== '' ? [[key, compileJsonata(source)] as const] : []));
  return (scope) => collectObject(entries.map(([key, expression]) => [key, expression.now(scope.variables, scope.extra)]));
};

const compileTableField: FieldCompiler = (field, value) => {
  if (!Array.isArray(value)) return undefined;
  const rows = value.map((row) => {
    const record = typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>) : {};
    return Object.entries(record).map(([key, cell]) => {
      const column = field.columns?.find((c) => c.name === key);
      return [key, column ? compileField(column, cell) : undefined, cell] as const;
    });
  });
  return (scope) => {
    const values = rows.map((row) => collectObject(row.map(([key, evaluator, raw]) => [key, evaluator ? evaluator(scope) : raw])));
    return values.some((v) => v instanceof Promise) ? Promise.all(values) : values;
  };
};

/** Every field widget kind's compiler, by id. */
export const FIELD_COMPILERS: Readonly<Record<FieldWidget, FieldCompiler | null>> = {
  expression: compileExpressionField,
  region: compileExpressionField,
  'variable-ref': compileExpressionField,
  template: compileTemplateField,
  constant: compileConstantField,
  'parameter-map': compileParameterMapField,
  table: compileTableField,
  text: null,
  select: null,
  'variable-name': null,
  type: null,
  flow: null,
  checkbox: null,
  number: null,
  variable: null,
  enumeration: null,
};

/** The evaluator of one field, or undefined when the raw config value is what the activity gets. */
export function compileField(field: FieldDefinition, value: unknown): FieldEvaluator | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return FIELD_COMPILERS[field.widget]?.(field, value);
}

/** Builds an object from evaluated entries, waiting only when one of them is a promise. */
function collectObject(entries: ReadonlyArray<readonly [string, unknown]>): unknown {
  if (!entries.some(([, v]) => v instanceof Promise)) return Object.fromEntries(entries);
  return Promise.all(entries.map(async ([key, v]) => [key, await v] as const)).then((resolved) => Object.fromEntries(resolved));
}
