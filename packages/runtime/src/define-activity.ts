/** `defineActivity`: an implementation typed by its definition, so it reads only fields the definition declares. */
import type { ActivityDefinition, ConfigOf } from '@flowbridge/flow-model';
import type { ActivityContext, ActivityImplementation, ActivityResult } from './activity-implementation.js';

/** The context an implementation of `D` sees: `value` and `raw` accept only `D`'s field names, `value` answers the field's type. */
export interface TypedActivityContext<D extends ActivityDefinition> extends Omit<ActivityContext, 'value' | 'raw'> {
  value<N extends keyof ConfigOf<D> & string>(name: N): Promise<ConfigOf<D>[N]>;
  raw(name: keyof ConfigOf<D> & string): unknown;
}

/** An implementation that carries its definition (labels, defaults and kind come from there, never restated). */
export interface DefinedActivity<D extends ActivityDefinition = ActivityDefinition> extends ActivityImplementation {
  readonly kind: D['kind'];
  readonly definition: D;
}

/** Pairs a definition with the code that executes it; `execute`'s `ctx` is typed by the definition's fields. */
export function defineActivity<const D extends ActivityDefinition>(
  definition: D,
  execute: (ctx: TypedActivityContext<D>) => Promise<ActivityResult> | ActivityResult,
): DefinedActivity<D> {
  // An ActivityContext is a TypedActivityContext with wider names, so the engine calls `execute` as it is.
  return { kind: definition.kind, definition, execute };
}

/** The field names a context accepts: the definition's for a typed context, any string otherwise. */
export type ContextFieldName<C> = C extends { raw(name: infer N): unknown } ? (N extends string ? N : string) : string;

/** The label of field `name` of a definition, for messages (the field's name when it has none). */
export function fieldLabel<D extends ActivityDefinition>(definition: D, name: D['fields'][number]['name']): string {
  return definition.fields.find((f) => f.name === name)?.label ?? name;
}

/** The declared default of field `name` of a definition. */
export function fieldDefault<D extends ActivityDefinition>(definition: D, name: D['fields'][number]['name']): unknown {
  return definition.fields.find((f) => f.name === name)?.default;
}
