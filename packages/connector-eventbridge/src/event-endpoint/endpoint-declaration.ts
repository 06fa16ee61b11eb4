/** The EventBridge connector's event endpoint as the host mounts it: an API destination posts one event per request. */
import type { EndpointCheck, EventEndpointDeclaration } from '@flowbridge/runtime';
import { EVENT_ENDPOINT_PATH } from '../definitions/names.js';
import { CALLBACK_PARAMETER_TYPE } from '../definitions/create-configuration.js';
import { apiKeyMatches } from './api-key.js';
import { readEventRequest } from './event-request.js';

/** Receives API destination calls at `/rest/EventBridge/v1/event`; an event finds its flow by its `detail-type`. */
export const eventBridgeEndpoint: EventEndpointDeclaration = {
  path: EVENT_ENDPOINT_PATH,
  sender: 'EventBridge',
  callbackParameterType: CALLBACK_PARAMETER_TYPE,
  auth: { keyMatches: apiKeyMatches },
  check(request, auth): EndpointCheck {
    const read = readEventRequest(request, auth);
    if (!read.ok) return read;
    const { event } = read;
    return { ok: true, id: event.id, type: event['detail-type'], source: event.source, event, request: { method: request.method, uri: request.uri, headers: read.headers, content: request.body } };
  },
  documentation: {
    summary: 'EventBridge API destination target: receives one event (API key in the x-api-key header, not the admin token); other methods answer 405',
    eventName: 'EventBridgeEvent',
    eventFields: { id: 'string', 'detail-type': 'string', source: 'string', detail: 'object' },
    apiKeyDescription: 'The API key of the EventBridge connection',
  },
};
