/** `eventbridge.CreateConfiguration`: binds an event type to a callback flow in the host's routing store. */
import { invalidInput, requiredString } from '@flowbridge/connector-aws-auth';
import type { ActivityImplementation } from '@flowbridge/runtime';
import { EVENT_ROUTING_SERVICE, type EventRoutingStore } from './services.js';

/** Stores the binding; the same event type bound again replaces the earlier flow. */
export const createConfiguration: ActivityImplementation = {
  kind: 'eventbridge.CreateConfiguration',
  async execute(ctx) {
    const eventType = await requiredString(ctx, 'eventType', 'Event type');
    const flow = ctx.raw('callbackFlow');
    if (typeof flow !== 'string' || flow === '') throw invalidInput(ctx, 'callbackFlow', 'Callback flow is required');
    const routing = ctx.service<EventRoutingStore>(EVENT_ROUTING_SERVICE);
    const previous = await routing.get(eventType);
    await routing.put(eventType, flow);
    ctx.log('info', previous && previous !== flow ? `Events of type ${eventType} now go to ${flow} (was ${previous}).` : `Events of type ${eventType} go to ${flow}.`);
    return {};
  },
};
