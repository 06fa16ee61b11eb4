import { AwsServiceError, validationError } from '../../aws-error.js';
import { busNameFromNameOrArn, eventBusArn } from '../arns.js';
import { epochSeconds, type EventsContext } from '../events-context.js';
import type { EventBusRecord, JsonObject } from '../model.js';
import { paginate } from '../pagination.js';
import type { RequestInput } from '../request-input.js';

function describe(bus: EventBusRecord): JsonObject {
  const out: JsonObject = { Name: bus.name, Arn: bus.arn };
  if (bus.description !== undefined) out.Description = bus.description;
  out.CreationTime = epochSeconds(bus.creationTime);
  out.LastModifiedTime = epochSeconds(bus.lastModifiedTime);
  return out;
}

/** Looks up a bus by name or ARN, failing as AWS does when it does not exist. */
export function requireBus(ctx: EventsContext, nameOrArn: string | undefined): EventBusRecord {
  const name = busNameFromNameOrArn(nameOrArn);
  const bus = ctx.state.buses.get(name);
  if (!bus) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
  return bus;
}

/** Ensures the `default` bus exists (it always does in AWS). */
export function ensureDefaultBus(ctx: Pick<EventsContext, 'state' | 'scope' | 'now'>): void {
  if (ctx.state.buses.has('default')) return;
  const now = ctx.now();
  ctx.state.buses.set('default', {
    name: 'default',
    arn: eventBusArn(ctx.scope, 'default'),
    creationTime: now,
    lastModifiedTime: now,
  });
}

export function createEventBus(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = input.string('Name');
  const description = input.string('Description');
  const busName = name ?? '';
  if (ctx.state.buses.has(busName)) {
    throw new AwsServiceError('ResourceAlreadyExistsException', `Event bus ${busName} already exists.`);
  }
  const now = ctx.now();
  const bus: EventBusRecord = { name: busName, arn: eventBusArn(ctx.scope, busName), creationTime: now, lastModifiedTime: now };
  if (description !== undefined) bus.description = description;
  ctx.state.buses.set(busName, bus);
  const out: JsonObject = { EventBusArn: bus.arn };
  if (description !== undefined) out.Description = description;
  return out;
}

export function describeEventBus(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = input.string('Name');
  return describe(requireBus(ctx, name));
}

export function listEventBuses(input: RequestInput, ctx: EventsContext): JsonObject {
  const prefix = input.string('NamePrefix');
  const all = [...ctx.state.buses.values()].filter((b) => prefix === undefined || b.name.startsWith(prefix));
  const page = paginate(all, input);
  const out: JsonObject = { EventBuses: page.items.map(describe) };
  if (page.nextToken) out.NextToken = page.nextToken;
  return out;
}

export function deleteEventBus(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = input.string('Name');
  const busName = name ?? '';
  if (busName === 'default') throw validationError('Cannot delete event bus default.');
  // AWS answers success for a bus that does not exist; the bus's rules go with it.
  if (ctx.state.buses.delete(busName)) {
    for (const rule of ctx.state.rulesOn(busName)) ctx.state.deleteRule(busName, rule.name);
  }
  return {};
}
