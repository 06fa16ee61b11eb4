/**
 * Typed declaration helpers: an activity definition or connector manifest declared through these keeps
 * its `kind`, field names and widgets as literal types, so the Node-side implementation's configuration
 * type (`ConfigOf`) and the pairing of definitions with implementations are checked by the compiler.
 */
import type { ActivityDefinition, CatalogueModule, EnumerationDefinition, FieldDefinition, ObjectTypeDefinition } from './activity-definition.js';
import type { FieldValueTypes } from './field-kinds/index.js';

/** Declares an activity definition, keeping its kind and field names literal (an identity at run time). */
export function defineActivityDefinition<const D extends ActivityDefinition>(definition: D): D {
  return definition;
}

/** Declares one field, keeping its name and widget literal (for fields shared by several activities). */
export function defineField<const F extends FieldDefinition>(field: F): F {
  return field;
}

/** The field names of a definition (`string` when a field was declared without a literal name). */
export type FieldNameOf<D extends ActivityDefinition> = D['fields'][number]['name'];

/** The declaration of field `N` of definition `D`. */
export type FieldOf<D extends ActivityDefinition, N extends string> = Extract<D['fields'][number], { name: N }>;

/** Primitive type names whose evaluated values have a known TypeScript type. */
interface PrimitiveValueTypes {
  String: string;
  Integer: number;
  Decimal: number;
  Boolean: boolean;
}

/** The value an evaluated field yields: its widget's value type, narrowed by `type` or `options`; `undefined` unless required. */
export type FieldValueOf<F extends FieldDefinition> =
  | (F extends { widget: 'select'; options: ReadonlyArray<{ value: infer V }> }
      ? V
      : F extends { widget: 'expression' | 'region' | 'constant'; type: infer T extends keyof PrimitiveValueTypes }
        ? PrimitiveValueTypes[T]
        : FieldValueTypes[F['widget']])
  | (F extends { required: true } ? never : undefined);

/** The evaluated configuration an implementation of `D` sees, field name → value type. */
export type ConfigOf<D extends ActivityDefinition> = { [N in FieldNameOf<D>]: FieldValueOf<FieldOf<D, N>> };

/** Editor extras a connector declares; the editor renders them with host-owned components chosen by id. */
export interface EditorSlots {
  /** Extra panels shown under an activity's properties, e.g. an event pattern tester. */
  activityPanels?: ReadonlyArray<ActivityPanelSlot>;
}

/** One declared activity panel: `panel` names the host component, the rest is its data. */
export interface ActivityPanelSlot {
  /** The activity kind the panel belongs to. */
  kind: string;
  /** The host panel component, e.g. `event-pattern-tester`. */
  panel: string;
  /** For `event-pattern-tester`: the event pattern a node of `kind` routes on, from its configuration. */
  pattern?: (config: Readonly<Record<string, unknown>>) => NodeEventPattern;
}

/** The event pattern of a node, or why it is only known when the flow runs. */
export type NodeEventPattern =
  | { ok: true; pattern: Record<string, string[]> }
  /** `computed` names the fields whose values are only known when the flow runs. */
  | { ok: false; computed: string[]; message: string };

/** The browser-safe manifest of a connector: what it adds to the catalogue and to the editor. */
export interface ConnectorManifest extends CatalogueModule {
  /** Short id, e.g. `eventbridge`; the prefix of its activity kinds. */
  id: string;
  activities: ReadonlyArray<ActivityDefinition>;
  objectTypes?: ReadonlyArray<ObjectTypeDefinition>;
  enumerations?: ReadonlyArray<EnumerationDefinition>;
  editor?: EditorSlots;
  /**
   * Where the connector receives events over HTTP, for the editor and the start-up banner to show (the
   * Node-side connector declares how each request is checked; both must name the same paths).
   */
  eventEndpoints?: ReadonlyArray<EventEndpointInfo>;
}

/** The browser-visible facts of an event endpoint a connector declares. */
export interface EventEndpointInfo {
  /** Absolute path it answers POST on, e.g. `/rest/Vendor/v1/event`. */
  path: string;
  /** Who calls it, e.g. `EventBridge`. */
  sender: string;
}

/** Declares a connector manifest, keeping its activity kinds literal (an identity at run time). */
export function defineConnectorManifest<const M extends ConnectorManifest>(manifest: M): M {
  return manifest;
}

/** The activity kinds a manifest declares. */
export type KindsOf<M extends ConnectorManifest> = M['activities'][number]['kind'];
