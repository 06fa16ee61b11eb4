/** The EventBridge connector (Node side): activity implementations and the host service contracts. */
import { defineConnector, type Connector } from '@flowbridge/runtime';
import { createApiDestination } from './create-api-destination.js';
import { createConfiguration } from './create-configuration.js';
import { createConnection } from './create-connection.js';
import { eventBridgeDefinitions } from './definitions/index.js';
import { describeApiDestination } from './describe-api-destination.js';
import { describeConnection } from './describe-connection.js';
import { eventBridgeEndpoint } from './event-endpoint/endpoint-declaration.js';
import { createPutEvents } from './put-events.js';
import { DEFAULT_ENTRY_RETRY, type EntryRetryPolicy } from './put-events/send-entries.js';
import { createRegisterApp } from './register-app.js';
import { routeEventsToApp } from './route-events-to-app.js';
import type { AppRegistrationStore } from './services.js';
import { updateApiDestination } from './update-api-destination.js';
import { updateConnection } from './update-connection.js';

export * from './services.js';
export { eventBridgeDefinitions } from './definitions/index.js';
export { PARTIAL_FAILURE, type PutEventsResponseValue } from './put-events.js';
export type { AppRegistrationValue } from './register-app.js';
export type { EventRouteValue } from './route-events-to-app.js';
export { DEFAULT_ENTRY_RETRY, RETRYABLE_ENTRY_CODES, sendEntries, type EntryRetryPolicy, type PutEventsCall, type SendOutcome } from './put-events/send-entries.js';
export { entrySize, splitIntoCalls, MAX_ENTRIES_PER_CALL, MAX_REQUEST_BYTES } from './put-events/entry-size.js';

/** Options for building the module. */
export interface EventBridgeModuleOptions {
  /** How PutEvents retries entries EventBridge rejected with a retryable code. */
  entryRetry?: Partial<EntryRetryPolicy>;
  /** Where Register App remembers key fingerprints when the host supplies no `eventbridge.registrations` service. */
  registrations?: AppRegistrationStore;
}

/** Builds the EventBridge runtime module. */
export function createEventBridgeModule(options: EventBridgeModuleOptions = {}): Connector {
  return defineConnector(
    eventBridgeDefinitions,
    {
      'eventbridge.PutEvents': createPutEvents({ ...DEFAULT_ENTRY_RETRY, ...options.entryRetry }),
      'eventbridge.RegisterApp': createRegisterApp(options.registrations),
      'eventbridge.CreateConfiguration': createConfiguration,
      'eventbridge.RouteEventsToApp': routeEventsToApp,
      'eventbridge.CreateConnection': createConnection,
      'eventbridge.UpdateConnection': updateConnection,
      'eventbridge.DescribeConnection': describeConnection,
      'eventbridge.CreateApiDestination': createApiDestination,
      'eventbridge.UpdateApiDestination': updateApiDestination,
      'eventbridge.DescribeApiDestination': describeApiDestination,
    },
    { endpoints: [eventBridgeEndpoint] },
  );
}

/** The EventBridge activities, ready to plug into an engine (together with `awsAuthModule`). */
export const eventBridgeModule: Connector = createEventBridgeModule();
