/** The set of activities a host can run: definitions (for validation) paired with implementations. */
import { createCatalogue, type Catalogue, type CatalogueModule, type FlowSignature } from '@flowbridge/flow-model';
import type { ActivityImplementation } from './activity-implementation.js';

/** What a connector plugs into the runtime: its definitions and the implementations for them. */
export interface RuntimeModule {
  /** The connector's id, named in pairing errors. */
  readonly id?: string;
  definitions: CatalogueModule;
  implementations: ReadonlyArray<ActivityImplementation>;
}

/** A catalogue plus the implementations for every activity kind in it. */
export interface Engine {
  catalogue: Catalogue;
  implementations: ReadonlyMap<string, ActivityImplementation>;
}

/**
 * Builds an engine from runtime modules. Every module must implement exactly the kinds it defines: a
 * definition without implementation, an implementation without definition, or a kind implemented twice
 * is refused with a message naming the kind and the connector.
 */
export function createEngine(modules: ReadonlyArray<RuntimeModule>, flows?: ReadonlyMap<string, FlowSignature>): Engine {
  const catalogue = createCatalogue(modules.map((m) => m.definitions), flows);
  const implementations = new Map<string, ActivityImplementation>();
  for (const [index, m] of modules.entries()) {
    const connector = m.id ? `Connector ${m.id}` : `Runtime module #${index + 1}`;
    const defined = new Set((m.definitions.activities ?? []).map((a) => a.kind));
    for (const impl of m.implementations) {
      if (!defined.has(impl.kind)) throw new Error(`${connector} implements activity kind ${impl.kind}, but does not define it; add its definition to the connector's activities or remove the implementation.`);
      if (implementations.has(impl.kind)) throw new Error(`${connector} implements activity kind ${impl.kind} twice; keep one implementation.`);
      implementations.set(impl.kind, impl);
    }
    for (const kind of defined) {
      if (!implementations.has(kind)) throw new Error(`${connector} defines activity kind ${kind}, but has no implementation for it; add one to the connector's implementations.`);
    }
  }
  return { catalogue, implementations };
}
