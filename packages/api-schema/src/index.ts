/** The Flowbridge HTTP API, declared once: records, the route table, and the OpenAPI document. */
export * from './records.js';
export * from './route-table.js';
export * from './workspace-records.js';
export { openApiDocument, openApiPath } from './openapi.js';
export { eventEndpointRoute, type EventEndpointRouteInput } from './event-endpoint-route.js';
