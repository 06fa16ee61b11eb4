/** Browser-safe definitions of the EventBridge connector (no AWS SDK, no node: imports). */
import { defineConnectorManifest } from '@flowbridge/flow-model';
import { createApiDestination, describeApiDestination, updateApiDestination } from './api-destinations.js';
import { createConnection, describeConnection, updateConnection } from './connections.js';
import { createConfiguration } from './create-configuration.js';
import { eventBridgeObjectTypes } from './object-types.js';
import { putEvents } from './put-events.js';
import { registerApp } from './register-app.js';
import { EVENT_ENDPOINT_PATH } from './names.js';
import { routeEventsPatternOf } from './route-events-pattern.js';
import { routeEventsToApp } from './route-events-to-app.js';

export * from './object-types.js';
export * from './names.js';
export { eventPatternOf, literalStringList, routeEventsPatternOf } from './route-events-pattern.js';
export { entryColumns } from './put-events.js';
export { authorizationTypeOptions } from './connection-fields.js';
export { CALLBACK_PARAMETER_TYPE, callbackFlowIssues, validateCreateConfiguration } from './create-configuration.js';
export {
  putEvents,
  createConnection,
  updateConnection,
  describeConnection,
  createApiDestination,
  updateApiDestination,
  describeApiDestination,
  registerApp,
  createConfiguration,
  routeEventsToApp,
};

/** What the EventBridge connector adds to a catalogue (use together with the AWS Authentication definitions). */
export const eventBridgeDefinitions = defineConnectorManifest({
  id: 'eventbridge',
  activities: [
    putEvents,
    registerApp,
    createConfiguration,
    routeEventsToApp,
    createConnection,
    updateConnection,
    describeConnection,
    createApiDestination,
    updateApiDestination,
    describeApiDestination,
  ],
  objectTypes: eventBridgeObjectTypes,
  eventEndpoints: [{ path: EVENT_ENDPOINT_PATH, sender: 'EventBridge' }],
  editor: {
    activityPanels: [{ kind: routeEventsToApp.kind, panel: 'event-pattern-tester', pattern: routeEventsPatternOf }],
  },
});
