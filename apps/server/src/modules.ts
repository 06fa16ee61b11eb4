/**
 * Modules the server mounts next to the admin API. This is where the EventBridge event endpoint
 * (issue 8, logic in `@flowbridge/connector-eventbridge`) plugs in:
 *
 * ```ts
 * import { eventEndpointModule } from './event-endpoint-module.js';
 * export function installedModules(): ServerModuleFactory[] {
 *   return [eventEndpointModule];
 * }
 * ```
 *
 * where `eventEndpointModule(context)` returns `{ mounts: [{ path: '/rest/EventBridge/v1', handler }], start, stop }`:
 * - the handler (an Express router) does its own API-key check (the key is the constant
 *   `context.settings.eventEndpoint.apiKeyConstant`, read with `context.constants.resolve(name)`), body
 *   limit (`bodyLimitBytes`) and rate limit (`rateLimitPerMinute`); it is mounted before the admin
 *   guards, so no Host check, admin token or JSON-only rule applies to it; it counts answers in
 *   `context.metrics.eventEndpointRequests` (label `code`);
 * - it writes events with `context.storage.inbox.receive` / `receiveMany` (idempotent on the event id;
 *   `duplicate: true` means a redelivery: acknowledge, do not run again) and only then answers 2xx;
 * - its dispatcher takes `inbox.due(now, n)`, claims with `inbox.transition(id, ['pending'], {status: 'routed', ...})`,
 *   looks the flow up with `context.storage.routing.get(detailType)`, runs it with
 *   `context.runner.run(flow, parameters, { trigger: 'event', eventId })`, recovers with
 *   `storage.runs.forEvent(eventId)`, moves the entry to `done`, `unrouted`, `pending` (retry, with
 *   `nextAttemptAt`) or `dead`, observes `context.metrics.dispatchLatency`, and announces each change
 *   with `context.bus.publish('inbox.changed', { ids, status })`;
 * - it subscribes to `context.bus` `inbox.changed` with `status: 'pending'` to pick up replays
 *   (`POST /api/inbox/replay` moves entries back to `pending` and publishes exactly that);
 * - `stop()` stops accepting events and waits for inbox writes in flight; the server calls it on
 *   shutdown before it drains runs and closes storage.
 */
import type { ServerModuleFactory } from './server.js';

/** The modules `main.ts` starts the server with. */
export function installedModules(): ServerModuleFactory[] {
  return [];
}
