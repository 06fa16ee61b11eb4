/** `eventbridge.CreateConfiguration`: binds an event type to a callback flow in the host's routing store. */
import { invalidInput, requiredString } from '@flowbridge/connector-aws-auth';
import { defineActivity } from '@flowbridge/runtime';
import { EVENT_ROUTING_SERVICE } from './services.js';
import { createConfiguration as definition } from './definitions/create-configuration.js';

/** Stores the binding; the same event type bound again replaces the earlier flow. */
export const createConfiguration = defineActivity(definition, async (ctx) => {
  const eventType = await requiredString(ctx, 'eventType', 'Event type');
  const flow = ctx.raw('callbackFlow');
  if (typeof flow !== 'string' || flow === '') throw invalidInput(ctx, 'callbackFlow', 'Callback flow is required');
  const routing = ctx.service(EVENT_ROUTING_SERVICE);
  const previous = await routing.get(eventType);
  await routing.put(eventType, flow);
  ctx.log('info', previous && previous !== flow ? `Events of type ${eventType} now go to ${flow} (was ${previous}).` : `Events of type ${eventType} go to ${flow}.`);
  return {};
});
