/**
 * The connectors installed in the editor: `@flowbridge/connectors`' list, the one the server pairs with
 * implementations. Browser-safe manifests only (never implementations, never the AWS SDK). The editor
 * core reads activities, types and declared editor slots from this list and names no connector itself.
 */
import { installedManifests } from '@flowbridge/connectors';
import { createCatalogue, type ActivityPanelSlot, type Catalogue, type ConnectorManifest, type EventEndpointInfo } from '@flowbridge/flow-model';

/** Every installed connector's manifest. */
export const installedConnectors: ReadonlyArray<ConnectorManifest> = installedManifests;

/** The catalogue of the installed connectors (the workspace adds its flows and constants). */
export const baseCatalogue: Catalogue = createCatalogue(installedConnectors);

/** The activity panels connectors declare, for the panel host to render under a node's properties. */
export function activityPanelsOf(kind: string, connectors: ReadonlyArray<ConnectorManifest> = installedConnectors): ActivityPanelSlot[] {
  return connectors.flatMap((c) => c.editor?.activityPanels ?? []).filter((slot) => slot.kind === kind);
}

/** The event endpoints the installed connectors receive events on (the settings view names them). */
export function eventEndpointsOf(connectors: ReadonlyArray<ConnectorManifest> = installedConnectors): EventEndpointInfo[] {
  return connectors.flatMap((c) => c.eventEndpoints ?? []);
}
