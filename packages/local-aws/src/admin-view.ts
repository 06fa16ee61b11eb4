import type { DeliveryDispatcher } from './delivery/delivery-dispatcher.js';
import { epochSeconds } from './events/events-context.js';
import type { AccountRegions } from './events/account-regions.js';
import type { ArnScope } from './events/arns.js';
import type { EventsState } from './events/events-state.js';
import type { JsonObject, JsonValue } from './events/model.js';
import { describeApiDestinationRecord } from './events/operations/api-destinations.js';
import { connectionWithoutSecrets } from './events/operations/connections.js';

/**
 * The admin `/_admin/state` document: the default account and region's resources at the top level,
 * every account/region pair under `partitions`; connections without secrets.
 */
export function adminState(partitions: AccountRegions, defaults: ArnScope): JsonObject {
  return {
    ...partitionView(partitions.get(defaults).state, defaults),
    partitions: partitions.all().map((p) => partitionView(p.state, p.scope)),
  };
}

function partitionView(state: EventsState, { region, accountId }: ArnScope): JsonObject {
  return {
    region,
    accountId,
    buses: [...state.buses.values()].map((b) => ({
      name: b.name,
      arn: b.arn,
      ...(b.description !== undefined ? { description: b.description } : {}),
      creationTime: epochSeconds(b.creationTime),
    })),
    rules: state.allRules().map((r) => ({
      name: r.name,
      arn: r.arn,
      eventBusName: r.eventBusName,
      state: r.state,
      ...(r.eventPattern !== undefined ? { eventPattern: r.eventPattern } : {}),
      ...(r.scheduleExpression !== undefined ? { scheduleExpression: r.scheduleExpression } : {}),
      // Targets are stored as the API received them; no secrets live there.
      targets: r.targets as unknown as JsonValue[],
    })),
    connections: [...state.connections.values()].map(connectionWithoutSecrets),
    apiDestinations: [...state.apiDestinations.values()].map((d) => describeApiDestinationRecord({ state }, d)),
  };
}

/** The admin `/_admin/deliveries` document. */
export function adminDeliveries(dispatcher: DeliveryDispatcher): JsonObject {
  return { deliveries: dispatcher.deliveries() as unknown as JsonValue[] };
}

/** The admin `/_admin/dead-letters` document. */
export function adminDeadLetters(dispatcher: DeliveryDispatcher): JsonObject {
  return { deadLetters: dispatcher.deadLetters() as unknown as JsonValue[] };
}
