/**
 * The field-kind registry of flow-model: every `FieldWidget` declared once, with how its value validates,
 * which expressions it holds and what it refers to. The runtime's field compilers and the editor's field
 * widgets are tables keyed by the same ids; each is a `Record<FieldWidget, ...>` so a new kind without an
 * entry in a layer fails that layer's build.
 */
import type { FieldDefinition, FieldWidget } from '../activity-definition.js';
import { parseExpression, referencedConstants } from '../expression-analysis.js';
import { expressionKind, templateKind } from './expression-kinds.js';
import type { FieldExpression, FieldKind, FieldReferences } from './field-kind.js';
import { checkboxKind, numberKind } from './literal-kinds.js';
import { constantKind, variableKind } from './reference-kinds.js';
import { createTableKind, parameterMapKind } from './structured-kinds.js';
import { enumerationKind, flowKind, selectKind, textKind, typeKind, variableNameKind } from './text-kinds.js';

export type { FieldCheck, FieldExpression, FieldKind, FieldReferences } from './field-kind.js';

/** Every field widget kind, by id. */
export const FIELD_KINDS: Readonly<Record<FieldWidget, FieldKind>> = {
  expression: expressionKind,
  region: expressionKind,
  'variable-ref': expressionKind,
  template: templateKind,
  text: textKind,
  select: selectKind,
  'variable-name': variableNameKind,
  type: typeKind,
  flow: flowKind,
  checkbox: checkboxKind,
  number: numberKind,
  table: createTableKind((widget) => FIELD_KINDS[widget]),
  'parameter-map': parameterMapKind,
  constant: constantKind,
  variable: variableKind,
  enumeration: enumerationKind,
};

/**
 * The TypeScript type of the value a field of each kind yields to an activity at run time (after
 * evaluation): expressions yield any JSON value, templates text, tables rows, parameter maps objects.
 */
export interface FieldValueTypes {
  expression: unknown;
  region: unknown;
  'variable-ref': unknown;
  template: string;
  text: string;
  select: string;
  'variable-name': string;
  type: string;
  flow: string;
  checkbox: boolean;
  number: number;
  table: Array<Record<string, unknown>>;
  'parameter-map': Record<string, unknown>;
  constant: unknown;
  variable: string;
  enumeration: string;
}

// A compile-time check that FieldValueTypes has exactly one entry per kind.
const _everyKindHasAValueType: Record<FieldWidget, true> = {} as { [K in keyof FieldValueTypes]: true };
void _everyKindHasAValueType;

/** The expressions a field value holds, with offsets (empty when none or the value is empty). */
export function fieldExpressions(field: FieldDefinition, value: unknown): FieldExpression[] {
  if (value === undefined || value === null || value === '') return [];
  return FIELD_KINDS[field.widget].expressions(value, field) ?? [];
}

/** The flows, constants and enumerations a field value refers to, including `$constant('…')` uses in its expressions. */
export function fieldReferences(field: FieldDefinition, value: unknown): FieldReferences {
  const direct = value === undefined || value === null || value === '' ? {} : (FIELD_KINDS[field.widget].references?.(value, field) ?? {});
  const constants = [...(direct.constants ?? [])];
  for (const expression of fieldExpressions(field, value)) {
    const parsed = parseExpression(expression.source);
    if (parsed.ok) constants.push(...referencedConstants(parsed.ast).names);
  }
  return { flows: [...new Set(direct.flows ?? [])], constants: [...new Set(constants)], enumerations: [...new Set(direct.enumerations ?? [])] };
}
