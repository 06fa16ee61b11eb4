/** `defineConnector`: a connector's browser-safe manifest paired, kind by kind, with its Node-side implementations. */
import type { ConnectorManifest, KindsOf } from '@flowbridge/flow-model';
import type { ActivityImplementation } from './activity-implementation.js';
import type { RuntimeModule } from './engine.js';
import type { EventEndpointDeclaration } from './event-endpoint.js';

/** Exactly one implementation per declared kind: a missing kind or an undeclared one fails the build. */
export type ImplementationsOf<M extends ConnectorManifest, I> = { readonly [K in KindsOf<M>]: ActivityImplementation } & { readonly [K in Exclude<keyof I, KindsOf<M>>]: never };

/** A connector as the runtime plugs it in. */
export interface Connector extends RuntimeModule {
  readonly id: string;
  readonly manifest: ConnectorManifest;
  /** HTTP endpoints that receive events for this connector; the host mounts them. */
  readonly endpoints: ReadonlyArray<EventEndpointDeclaration>;
}

/** What a connector declares besides its activities. */
export interface ConnectorExtras {
  /** Endpoints the host mounts; each names its path, its request check and how an event finds its flow. */
  endpoints?: ReadonlyArray<EventEndpointDeclaration>;
}

/**
 * Declares a connector: its manifest (the `/definitions` export the editor uses too), an implementation
 * for each activity kind the manifest declares, keyed by kind (the key must equal the implementation's
 * kind), and the endpoints it receives events on.
 */
export function defineConnector<const M extends ConnectorManifest, const I extends Record<string, ActivityImplementation>>(
  manifest: M,
  implementations: I & ImplementationsOf<M, I>,
  extras: ConnectorExtras = {},
): Connector {
  const list: ActivityImplementation[] = [];
  for (const [kind, implementation] of Object.entries(implementations as Record<string, ActivityImplementation>)) {
    if (implementation.kind !== kind) throw new Error(`Connector ${manifest.id}: the implementation listed as ${kind} implements ${implementation.kind}; list it under its own kind.`);
    list.push(implementation);
  }
  for (const endpoint of extras.endpoints ?? []) {
    if (!endpoint.path.startsWith('/') || endpoint.path.startsWith('/api')) {
      throw new Error(`Connector ${manifest.id}: the endpoint path "${endpoint.path}" must start with "/" and stay outside /api (the admin API).`);
    }
  }
  const declared = new Set((extras.endpoints ?? []).map((e) => e.path));
  const listed = new Set((manifest.eventEndpoints ?? []).map((e) => e.path));
  for (const path of declared) if (!listed.has(path)) throw new Error(`Connector ${manifest.id}: the endpoint ${path} is declared but not in the manifest's eventEndpoints; add it there so the editor can show it.`);
  for (const path of listed) if (!declared.has(path)) throw new Error(`Connector ${manifest.id}: the manifest lists the endpoint ${path} but the connector declares no endpoint there; declare it (endpoints) or remove it from eventEndpoints.`);
  return { id: manifest.id, manifest, definitions: manifest, implementations: list, endpoints: extras.endpoints ?? [] };
}

/**
 * Pairs the installed manifests (the list the editor shows) with the host's implementations, by connector
 * id and in the manifests' order. Either half without the other would let the editor offer activities
 * the server cannot run, or the server run activities nobody can place, so both are refused.
 */
export function pairConnectors(manifests: ReadonlyArray<ConnectorManifest>, implementations: ReadonlyArray<Connector>): Connector[] {
  const byId = new Map<string, Connector>();
  for (const connector of implementations) {
    if (byId.has(connector.id)) throw new Error(`Connector "${connector.id}" has two implementations; list it once.`);
    byId.set(connector.id, connector);
  }
  const listed = new Set<string>();
  const paired: Connector[] = [];
  for (const manifest of manifests) {
    if (listed.has(manifest.id)) throw new Error(`Connector "${manifest.id}" is listed twice in the installed connectors; list it once.`);
    listed.add(manifest.id);
    const connector = byId.get(manifest.id);
    if (!connector) throw new Error(`Connector "${manifest.id}" is installed but has no implementation; add its Node-side connector (defineConnector) to the server's implementations.`);
    paired.push(connector);
  }
  const unlisted = implementations.filter((c) => !listed.has(c.id)).map((c) => `"${c.id}"`);
  if (unlisted.length > 0) throw new Error(`Connector ${unlisted.join(', ')} has an implementation but no manifest in the installed connectors; add its /definitions manifest to @flowbridge/connectors.`);
  return paired;
}
