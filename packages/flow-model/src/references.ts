/**
 * The reference index of a workspace: every place a flow, constant, enumeration, event type or flow
 * parameter is named — in flow documents and in the workspace settings. What a field refers to is
 * declared by its field kind (flows, constants, enumerations) and by the connector's field options
 * (`eventTypes`), never coded per activity kind, so a new connector's references are indexed for free.
 */
import type { ActivityDefinition, Catalogue, FieldDefinition } from './activity-definition.js';
import type { FlowDocument, FlowNode } from './document.js';
import { parseExpression, type ExpressionNode } from './expression-analysis.js';
import { FIELD_KINDS, fieldReferences } from './field-kinds/index.js';
import { parseType, type TypeRef } from './types.js';

/** What a reference names. */
export type ReferenceTargetKind = 'flow' | 'constant' | 'enumeration' | 'eventType' | 'parameter';

/** How a reference uses its target. */
export type ReferenceUsage =
  /** Call Flow runs the flow. */
  | 'call-flow'
  /** A callback flow picked in a field (Create Configuration). */
  | 'callback-flow'
  /** Any other flow field. */
  | 'flow-field'
  /** Listed in `settings.json` under `afterStartupFlows`. */
  | 'after-startup'
  /** `$constant('…')` inside an expression or template. */
  | 'constant-in-expression'
  /** A field that takes a constant (credentials, API keys). */
  | 'constant-field'
  /** A constant named in `settings.json` (the event endpoint's API key). */
  | 'settings-constant'
  /** An enumeration field (e.g. a Decision on an enumeration). */
  | 'enumeration-field'
  /** `Enum<…>` in a parameter, return or variable type. */
  | 'type'
  /** An event type bound to a callback flow (one binding per event type). */
  | 'event-type-binding'
  /** An event type sent, routed or otherwise named. */
  | 'event-type-use'
  /** A Call Flow argument given for the called flow's parameter (target `Flow.Parameter`). */
  | 'flow-parameter';

/** Every usage, for schemas that list them (the HTTP API). */
export const REFERENCE_USAGES = [
  'call-flow',
  'callback-flow',
  'flow-field',
  'after-startup',
  'constant-in-expression',
  'constant-field',
  'settings-constant',
  'enumeration-field',
  'type',
  'event-type-binding',
  'event-type-use',
  'flow-parameter',
] as const satisfies readonly ReferenceUsage[];

// A compile-time check that the list names every usage.
const _everyUsageListed: Record<ReferenceUsage, true> = {} as Record<(typeof REFERENCE_USAGES)[number], true>;
void _everyUsageListed;

/** One place that names something. `flow` is absent for the settings file. */
export interface Reference {
  targetKind: ReferenceTargetKind;
  /** The name referred to; `Flow.Parameter` for flow parameters. */
  target: string;
  usage: ReferenceUsage;
  /** The flow holding the reference; absent when it is in `settings.json`. */
  flow?: string;
  nodeId?: string;
  /** The node as people see it: its caption, else its activity's label. */
  nodeLabel?: string;
  /** The config field (or document / settings path) holding the reference. */
  field?: string;
  /** The field as the property panel labels it. */
  fieldLabel?: string;
}

/** The parts of the workspace settings that name flows and constants. */
export interface SettingsReferences {
  afterStartupFlows?: readonly string[];
  /** Settings paths holding constant names, e.g. `{ 'eventEndpoint.apiKeyConstant': 'EventBridge.APIKey' }`. */
  constants?: Readonly<Record<string, string>>;
}

/** What the index is built from. */
export interface WorkspaceContent {
  flows: readonly FlowDocument[];
  settings?: SettingsReferences;
}

/** At most this many references are indexed; past it the index says `truncated` rather than growing without bound. */
export const MAX_REFERENCES = 100_000;

/** Every reference of the workspace, in file then node order. */
export interface ReferenceIndex {
  references: Reference[];
  truncated: boolean;
}

/** Builds the reference index of `workspace`; field meanings come from `catalogue`'s activity definitions. */
export function indexReferences(workspace: WorkspaceContent, catalogue: Catalogue): ReferenceIndex {
  const references: Reference[] = [];
  let truncated = false;
  const add = (reference: Reference) => {
    if (references.length >= MAX_REFERENCES) truncated = true;
    else references.push(reference);
  };
  (workspace.settings?.afterStartupFlows ?? []).forEach((flow, i) => add({ targetKind: 'flow', target: flow, usage: 'after-startup', field: `afterStartupFlows[${i}]`, fieldLabel: 'After-startup flows' }));
  for (const [field, constant] of Object.entries(workspace.settings?.constants ?? {})) {
    add({ targetKind: 'constant', target: constant, usage: 'settings-constant', field, fieldLabel: field });
  }
  for (const document of workspace.flows) {
    for (const reference of flowReferences(document, catalogue)) add(reference);
  }
  return { references, truncated };
}

/** The references one flow document holds. */
export function flowReferences(document: FlowDocument, catalogue: Catalogue): Reference[] {
  const found: Reference[] = [];
  const flow = document.name;
  document.parameters.forEach((p, i) => {
    for (const name of enumerationsInType(p.type)) found.push({ targetKind: 'enumeration', target: name, usage: 'type', flow, field: `parameters[${i}].type`, fieldLabel: `Parameter ${p.name}` });
  });
  if (document.returnType) {
    for (const name of enumerationsInType(document.returnType)) found.push({ targetKind: 'enumeration', target: name, usage: 'type', flow, field: 'returnType', fieldLabel: 'Return type' });
  }
  for (const node of document.nodes) {
    const definition = catalogue.activities.get(node.kind);
    if (!definition) continue;
    const at = { flow, nodeId: node.id, nodeLabel: nodeCaption(node, definition) };
    for (const field of definition.fields) {
      const value = node.config[field.name];
      if (value === undefined || value === null || value === '') continue;
      const where = { ...at, field: field.name, fieldLabel: field.label };
      const refs = fieldReferences(field, value);
      const direct = new Set(directConstants(field, value));
      for (const name of refs.flows) found.push({ ...where, targetKind: 'flow', target: name, usage: definition.role === 'call-flow' ? 'call-flow' : field.flowParameterType ? 'callback-flow' : 'flow-field' });
      for (const name of refs.constants) found.push({ ...where, targetKind: 'constant', target: name, usage: direct.has(name) ? 'constant-field' : 'constant-in-expression' });
      for (const name of refs.enumerations) found.push({ ...where, targetKind: 'enumeration', target: name, usage: 'enumeration-field' });
      if (field.widget === 'type' && typeof value === 'string') {
        for (const name of enumerationsInType(value)) found.push({ ...where, targetKind: 'enumeration', target: name, usage: 'type' });
      }
      for (const eventType of eventTypesOf(field, value)) {
        found.push({ ...where, targetKind: 'eventType', target: eventType, usage: field.eventTypes === 'binding' ? 'event-type-binding' : 'event-type-use' });
      }
      for (const column of field.columns ?? []) {
        if (!column.eventTypes || !Array.isArray(value)) continue;
        value.forEach((row, i) => {
          const cell = typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[column.name] : undefined;
          for (const eventType of eventTypesOf(column, cell)) {
            found.push({ ...at, field: `${field.name}[${i}].${column.name}`, fieldLabel: `${field.label}: ${column.label}`, targetKind: 'eventType', target: eventType, usage: column.eventTypes === 'binding' ? 'event-type-binding' : 'event-type-use' });
          }
        });
      }
    }
    if (definition.role === 'call-flow' && typeof node.config.flow === 'string' && node.config.flow !== '') {
      const map = node.config.parameters;
      if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
        for (const key of Object.keys(map)) found.push({ ...at, field: 'parameters', fieldLabel: `Parameter ${key}`, targetKind: 'parameter', target: `${node.config.flow}.${key}`, usage: 'flow-parameter' });
      }
    }
  }
  return found;
}

/** Constants a field names itself (a constant field, or constant columns of a table), as opposed to `$constant` in its expressions. */
function directConstants(field: FieldDefinition, value: unknown): string[] {
  return FIELD_KINDS[field.widget].references?.(value, field).constants ?? [];
}

/** How messages and lists name a node: its caption, else its activity's label, else its kind. */
export function nodeCaption(node: FlowNode, definition: ActivityDefinition | undefined): string {
  return node.label ?? definition?.label ?? node.kind;
}

/** The references to one target. */
export function usagesOf(index: ReferenceIndex, targetKind: ReferenceTargetKind, target: string): Reference[] {
  return index.references.filter((r) => r.targetKind === targetKind && r.target === target);
}

/**
 * The event type names a field of an event-type kind holds: the string literals of a literal value
 * (`'OrderPlaced'`, `['OrderPlaced', 'OrderShipped']`). A computed value names no type statically.
 */
export function eventTypesOf(field: FieldDefinition, value: unknown): string[] {
  if (!field.eventTypes || typeof value !== 'string' || value.trim() === '') return [];
  const parsed = parseExpression(value);
  return parsed.ok ? (literalStrings(parsed.ast) ?? []) : [];
}

/** The strings of a string literal or a list of string literals; undefined for anything computed. */
export function literalStrings(ast: ExpressionNode): string[] | undefined {
  if (ast.type === 'string') return [String(ast.value)];
  if (ast.type === 'unary' && ast.value === '[' && Array.isArray(ast.expressions)) {
    const items = ast.expressions as ExpressionNode[];
    if (!items.every((e) => e.type === 'string')) return undefined;
    return items.map((e) => String(e.value));
  }
  return undefined;
}

/** The enumeration names inside a type name (`Enum<aws.Region>`, `List<Enum<X>>`). */
export function enumerationsInType(text: string): string[] {
  const parsed = parseType(text);
  if (!parsed.ok) return [];
  const names: string[] = [];
  const visit = (type: TypeRef) => {
    if (type.kind === 'enum') names.push(type.name);
    if (type.kind === 'list') visit(type.item);
  };
  visit(parsed.type);
  return names;
}
