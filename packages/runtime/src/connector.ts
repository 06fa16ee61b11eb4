/** `defineConnector`: a connector's browser-safe manifest paired, kind by kind, with its Node-side implementations. */
import type { ConnectorManifest, KindsOf } from '@flowbridge/flow-model';
import type { ActivityImplementation } from './activity-implementation.js';
import type { RuntimeModule } from './engine.js';

/** Exactly one implementation per declared kind: a missing kind or an undeclared one fails the build. */
export type ImplementationsOf<M extends ConnectorManifest, I> = { readonly [K in KindsOf<M>]: ActivityImplementation } & { readonly [K in Exclude<keyof I, KindsOf<M>>]: never };

/** A connector as the runtime plugs it in. */
export interface Connector extends RuntimeModule {
  readonly id: string;
  readonly manifest: ConnectorManifest;
}

/**
 * Declares a connector: its manifest (the `/definitions` export the editor uses too) and an implementation
 * for each activity kind the manifest declares, keyed by kind (the key must equal the implementation's kind).
 */
export function defineConnector<const M extends ConnectorManifest, const I extends Record<string, ActivityImplementation>>(manifest: M, implementations: I & ImplementationsOf<M, I>): Connector {
  const list: ActivityImplementation[] = [];
  for (const [kind, implementation] of Object.entries(implementations as Record<string, ActivityImplementation>)) {
    if (implementation.kind !== kind) throw new Error(`Connector ${manifest.id}: the implementation listed as ${kind} implements ${implementation.kind}; list it under its own kind.`);
    list.push(implementation);
  }
  return { id: manifest.id, manifest, definitions: manifest, implementations: list };
}
