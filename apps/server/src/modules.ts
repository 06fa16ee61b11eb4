/**
 * Modules the server mounts next to the admin API, outside its guards (no Host check, admin token or
 * JSON-only rule): each does its own authentication. Today that is the event endpoints installed
 * connectors declare: their request rules live in each connector's declaration, the inbox pipeline in
 * `event-pipeline/`, and their binding to Express, storage, runner, metrics and live updates in
 * `event-endpoint/event-endpoint-module.ts`.
 */
import { eventEndpointModule } from './event-endpoint/event-endpoint-module.js';
import type { ServerModuleFactory } from './server.js';

/** The modules `main.ts` starts the server with. */
export function installedModules(): ServerModuleFactory[] {
  return [eventEndpointModule];
}
