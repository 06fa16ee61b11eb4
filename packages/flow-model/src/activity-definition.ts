/**
 * Activity definitions: the one browser-safe description of an activity kind. The editor builds its
 * palette and property panels from it, `validate` checks nodes against it, and the runtime pairs it
 * with an implementation registered where the activity runs.
 */
import type { FlowNode } from './document.js';

/** How a field is edited; the editor has one widget per value, the validator one rule. */
export type FieldWidget =
  /** A JSONata expression (a string); `type` is the type it must yield. */
  | 'expression'
  /** Literal text with `{{ expression }}` placeholders. */
  | 'template'
  /** Literal text. */
  | 'text'
  /** One of `options`, stored as its literal value. */
  | 'select'
  /** An AWS region: an expression, shown as a searchable region list when it is a plain literal. */
  | 'region'
  /** An expression yielding a value of `type`, offered as the variables of that type in scope. */
  | 'variable-ref'
  /** The name of the variable this node defines (an identifier). */
  | 'variable-name'
  /** A type name (e.g. `String`, `List<Integer>`). */
  | 'type'
  /** The name of another flow in the workspace. */
  | 'flow'
  /** A literal boolean. */
  | 'checkbox'
  /** A literal number. */
  | 'number'
  /** A list of rows, each row a record of the `columns` fields. */
  | 'table'
  /** Expressions keyed by the called flow's parameter names. */
  | 'parameter-map'
  /** The name of a constant, `Module.Name`; resolved by the host at run time (secret constants included). */
  | 'constant'
  /** The name (without `$`) of an existing variable in scope, e.g. the target of Change Variable. */
  | 'variable'
  /** The name of an enumeration in the catalogue, e.g. `aws.Region`. */
  | 'enumeration';

/** One configurable field of an activity. */
export interface FieldDefinition {
  name: string;
  label: string;
  widget: FieldWidget;
  /** For expression-like widgets: the type the value must have (a type name). */
  type?: string;
  required?: boolean;
  /** Value a new node starts with. */
  default?: unknown;
  help?: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** For `table`: the fields of one row. */
  columns?: ReadonlyArray<FieldDefinition>;
  /** For `table`: minimum number of rows. */
  minRows?: number;
  /** For `flow`: only flows with exactly one parameter of this type are accepted (callback flows). */
  flowParameterType?: string;
  /**
   * For expressions yielding event type names (EventBridge detail-types): `binding` when the value binds
   * the event type to a callback flow (one binding per event type), `use` when it only names it. The
   * reference index reads event types from literal values of such fields; the connector declares them.
   */
  eventTypes?: 'binding' | 'use';
}

/** An outgoing port; every activity except Start and End also has the implicit `error` port. */
export interface PortDefinition {
  id: string;
  label?: string;
}

/** The variable an activity defines, named by its `variable-name` field. */
export interface OutputDefinition {
  /** The config field holding the variable name. */
  variableField: string;
  /**
   * True when the field names an existing variable that the output is assigned to (Change Variable),
   * rather than a new variable the activity declares.
   */
  assigns?: boolean;
  /** The variable's type, fixed or derived from the node's config. */
  type: string | ((config: Readonly<Record<string, unknown>>) => string | undefined);
}

/** What a definition's own `validate` may report; node id is filled in by the caller. */
export interface NodeIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  field?: string;
}

/** Structural roles the validator and the runtime treat specially. */
export type ActivityRole = 'start' | 'end' | 'error-end' | 'decision' | 'merge' | 'loop' | 'break' | 'continue' | 'call-flow' | 'activity';

/** The browser-safe description of one activity kind. */
export interface ActivityDefinition {
  /** `<connector>.<Activity>`, e.g. `core.LogMessage`. */
  kind: string;
  label: string;
  /** Palette group, e.g. `Control`, `Variables`, `EventBridge`. */
  category: string;
  /** Words people search the toolbox with besides the label ("send event", "if"); lower case. */
  keywords?: ReadonlyArray<string>;
  /** A short icon name or emoji the editor renders. */
  icon: string;
  /** One sentence of help, shown in the palette and panel. */
  description: string;
  role?: ActivityRole;
  fields: ReadonlyArray<FieldDefinition>;
  /** Outgoing ports; a function when they depend on config (decision outcomes, which may need the catalogue's enumerations). */
  ports: ReadonlyArray<PortDefinition> | ((config: Readonly<Record<string, unknown>>, catalogue?: Catalogue) => ReadonlyArray<PortDefinition>);
  output?: OutputDefinition;
  /** Activity-specific checks beyond required fields and expression parsing. */
  validate?: (node: FlowNode, catalogue: Catalogue) => NodeIssue[];
}

/** A field of a connector-declared object type. */
export interface ObjectTypeField {
  name: string;
  type: string;
  /** Secret fields are redacted wherever a value is shown, logged or traced. */
  secret?: boolean;
  description?: string;
}

/** An object type a connector declares, e.g. `Credentials`, `HttpRequest`, `PutEventsResponse`. */
export interface ObjectTypeDefinition {
  name: string;
  description?: string;
  fields: ReadonlyArray<ObjectTypeField>;
}

/** An enumeration, e.g. `aws.Region` with code and display name. */
export interface EnumerationDefinition {
  name: string;
  values: ReadonlyArray<{ value: string; label: string }>;
}

/** The signature of a flow, for Call Flow and callback-flow checks. */
export interface FlowSignature {
  name: string;
  parameters: ReadonlyArray<{ name: string; type: string }>;
  returnType?: string;
}

/**
 * A constant the host knows (from environment variables or a secrets file). Secret constants are only
 * reachable through `constant` fields, never through expressions, and are redacted wherever shown.
 */
export interface ConstantDefinition {
  name: string;
  /** A type name; `String` when absent. */
  type?: string;
  secret: boolean;
  description?: string;
}

/** What a connector contributes to the catalogue. */
export interface CatalogueModule {
  activities?: ReadonlyArray<ActivityDefinition>;
  objectTypes?: ReadonlyArray<ObjectTypeDefinition>;
  enumerations?: ReadonlyArray<EnumerationDefinition>;
}

/** Everything `validate` and `compile` know about: activities, types, enumerations and the workspace's flows. */
export interface Catalogue {
  activities: ReadonlyMap<string, ActivityDefinition>;
  objectTypes: ReadonlyMap<string, ObjectTypeDefinition>;
  enumerations: ReadonlyMap<string, EnumerationDefinition>;
  /** Flows of the workspace; absent when unknown (then Call Flow targets are not checked). */
  flows?: ReadonlyMap<string, FlowSignature>;
  /** Constants the host knows; absent when unknown (then constant names are not checked). */
  constants?: ReadonlyMap<string, ConstantDefinition>;
}

/** Builds a catalogue from connector modules; a kind or type declared twice is a programming error. */
export function createCatalogue(modules: ReadonlyArray<CatalogueModule>, flows?: ReadonlyMap<string, FlowSignature>): Catalogue {
  const activities = new Map<string, ActivityDefinition>();
  const objectTypes = new Map<string, ObjectTypeDefinition>();
  const enumerations = new Map<string, EnumerationDefinition>();
  for (const m of modules) {
    for (const a of m.activities ?? []) {
      if (activities.has(a.kind)) throw new Error(`Activity kind ${a.kind} is declared twice`);
      activities.set(a.kind, a);
    }
    for (const t of m.objectTypes ?? []) {
      if (objectTypes.has(t.name)) throw new Error(`Object type ${t.name} is declared twice`);
      objectTypes.set(t.name, t);
    }
    for (const e of m.enumerations ?? []) {
      if (enumerations.has(e.name)) throw new Error(`Enumeration ${e.name} is declared twice`);
      enumerations.set(e.name, e);
    }
  }
  return flows ? { activities, objectTypes, enumerations, flows } : { activities, objectTypes, enumerations };
}

/** A copy of the catalogue that knows the host's constants (names, types, secret flags; never values). */
export function withConstants(catalogue: Catalogue, constants: ReadonlyMap<string, ConstantDefinition>): Catalogue {
  return { ...catalogue, constants };
}

/** A copy of the catalogue that knows the workspace's flows. */
export function withFlows(catalogue: Catalogue, flows: ReadonlyMap<string, FlowSignature>): Catalogue {
  return { ...catalogue, flows };
}

/** The ports of a node, resolving config-dependent port lists (pass the catalogue for enumeration decisions). */
export function portsOf(definition: ActivityDefinition, config: Readonly<Record<string, unknown>>, catalogue?: Catalogue): ReadonlyArray<PortDefinition> {
  return typeof definition.ports === 'function' ? definition.ports(config, catalogue) : definition.ports;
}
