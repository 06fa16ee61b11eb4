/** The activities this server can run (every installed connector) and the typed services it gives them. */
import { AWS_ENDPOINT_SERVICE, awsAuthModule } from '@flowbridge/connector-aws-auth';
import { APP_REGISTRATIONS_SERVICE, APP_URL_SERVICE, EVENT_ROUTING_SERVICE, eventBridgeModule, type AppRegistrationStore, type AppUrlSource, type EventRoutingStore } from '@flowbridge/connector-eventbridge';
import { installedManifests } from '@flowbridge/connectors';
import { coreRuntimeModule, createEngine, defineService, pairConnectors, provideServices, serviceEntry, type Connector, type Engine, type ServiceValues } from '@flowbridge/runtime';

/**
 * The Node-side implementation of every connector this server can run. Which connectors are installed
 * is `@flowbridge/connectors`' list (the editor's too); each listed manifest is paired with its
 * implementation here, and the server does not start when either half is missing.
 */
export const connectorImplementations: ReadonlyArray<Connector> = [coreRuntimeModule, awsAuthModule, eventBridgeModule];

/** The installed connectors, in the list's order, each with its implementation. */
export const installedConnectors: ReadonlyArray<Connector> = pairConnectors(installedManifests, connectorImplementations);

/** Builds the server's engine from the installed connectors. */
export function createServerEngine(): Engine {
  return createEngine(installedConnectors);
}

/** Host constants by name (secret ones included; the runtime masks values it has seen). */
export interface ConstantsService {
  get(name: string): Promise<unknown>;
}

/** The workspace constants, for activities outside `constant` fields. */
export const CONSTANTS_SERVICE = defineService<ConstantsService>('constants');

/** What the host's services are built from. */
export interface HostServiceInputs {
  constants: ConstantsService;
  routing: EventRoutingStore;
  registrations: AppRegistrationStore;
  /** The embedded local AWS endpoint, when one runs. */
  awsEndpoint?: string;
  /** The public URL, or where to read it once the server listens. */
  appUrl: string | AppUrlSource;
}

/** The services activities reach through `ctx.service(KEY)`, complete before any run starts and never changed after. */
export function createHostServices(inputs: HostServiceInputs): ServiceValues {
  return provideServices(
    serviceEntry(CONSTANTS_SERVICE, inputs.constants),
    serviceEntry(EVENT_ROUTING_SERVICE, inputs.routing),
    serviceEntry(APP_REGISTRATIONS_SERVICE, inputs.registrations),
    serviceEntry(AWS_ENDPOINT_SERVICE, inputs.awsEndpoint),
    serviceEntry(APP_URL_SERVICE, inputs.appUrl),
  );
}
