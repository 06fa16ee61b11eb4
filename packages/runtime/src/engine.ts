/** The set of activities a host can run: definitions (for validation) paired with implementations. */
import { createCatalogue, type Catalogue, type CatalogueModule, type FlowSignature } from '@flowbridge/flow-model';
import type { ActivityImplementation } from './activity-implementation.js';

/** What a connector plugs into the runtime: its definitions and the implementations for them. */
export interface RuntimeModule {
  definitions: CatalogueModule;
  implementations: ReadonlyArray<ActivityImplementation>;
}

/** A catalogue plus the implementations for every activity kind in it. */
export interface Engine {
  catalogue: Catalogue;
  implementations: ReadonlyMap<string, ActivityImplementation>;
}

/** Builds an engine from runtime modules; every defined kind must have an implementation. */
export function createEngine(modules: ReadonlyArray<RuntimeModule>, flows?: ReadonlyMap<string, FlowSignature>): Engine {
  const catalogue = createCatalogue(modules.map((m) => m.definitions), flows);
  const implementations = new Map<string, ActivityImplementation>();
  for (const m of modules) for (const impl of m.implementations) implementations.set(impl.kind, impl);
  for (const kind of catalogue.activities.keys()) {
    if (!implementations.has(kind)) throw new Error(`Activity kind ${kind} has a definition but no implementation`);
  }
  return { catalogue, implementations };
}
