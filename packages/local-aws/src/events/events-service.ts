import { AwsServiceError } from '../aws-error.js';
import type { EventsContext } from './events-context.js';
import type { JsonObject } from './model.js';
import * as apiDestinations from './operations/api-destinations.js';
import * as connections from './operations/connections.js';
import * as buses from './operations/event-buses.js';
import { putEvents } from './operations/put-events.js';
import * as rules from './operations/rules.js';
import * as targets from './operations/targets.js';
import { testEventPattern } from './operations/test-event-pattern.js';
import { isJsonObject, RequestInput } from './request-input.js';
import { EVENTS_VALIDATOR } from './model/events-validator.js';

type Operation = (input: RequestInput, ctx: EventsContext) => JsonObject;

/** Every AWSEvents.* operation this service implements; `mutates` tells the server to persist afterwards. */
const OPERATIONS: Record<string, { run: Operation; mutates: boolean }> = {
  PutEvents: { run: putEvents, mutates: false },
  CreateEventBus: { run: buses.createEventBus, mutates: true },
  DescribeEventBus: { run: buses.describeEventBus, mutates: false },
  ListEventBuses: { run: buses.listEventBuses, mutates: false },
  DeleteEventBus: { run: buses.deleteEventBus, mutates: true },
  PutRule: { run: rules.putRule, mutates: true },
  DescribeRule: { run: rules.describeRule, mutates: false },
  ListRules: { run: rules.listRules, mutates: false },
  DeleteRule: { run: rules.deleteRule, mutates: true },
  EnableRule: { run: rules.enableRule, mutates: true },
  DisableRule: { run: rules.disableRule, mutates: true },
  PutTargets: { run: targets.putTargets, mutates: true },
  RemoveTargets: { run: targets.removeTargets, mutates: true },
  ListTargetsByRule: { run: targets.listTargetsByRule, mutates: false },
  CreateConnection: { run: connections.createConnection, mutates: true },
  UpdateConnection: { run: connections.updateConnection, mutates: true },
  DescribeConnection: { run: connections.describeConnection, mutates: false },
  DeleteConnection: { run: connections.deleteConnection, mutates: true },
  ListConnections: { run: connections.listConnections, mutates: false },
  DeauthorizeConnection: { run: connections.deauthorizeConnection, mutates: true },
  CreateApiDestination: { run: apiDestinations.createApiDestination, mutates: true },
  UpdateApiDestination: { run: apiDestinations.updateApiDestination, mutates: true },
  DescribeApiDestination: { run: apiDestinations.describeApiDestination, mutates: false },
  DeleteApiDestination: { run: apiDestinations.deleteApiDestination, mutates: true },
  ListApiDestinations: { run: apiDestinations.listApiDestinations, mutates: false },
  TestEventPattern: { run: testEventPattern, mutates: false },
};

/** Names of the implemented operations (for the admin view and logs). */
export const EVENTS_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

/**
 * Runs one AWS JSON 1.1 EventBridge call: `target` is the X-Amz-Target header, `body` the raw JSON.
 * Returns the output object and whether state changed; throws AwsServiceError with AWS's code otherwise.
 */
export function handleEventsCall(target: string, body: string, ctx: EventsContext): { output: JsonObject; mutated: boolean } {
  const operationName = target.startsWith('AWSEvents.') ? target.slice('AWSEvents.'.length) : '';
  const operation = OPERATIONS[operationName];
  if (!operation) {
    throw new AwsServiceError('UnknownOperationException', `Operation ${target} is not supported by the local EventBridge.`);
  }
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.');
  EVENTS_VALIDATOR.validate(operationName, parsed).throwIfAny();
  return { output: operation.run(new RequestInput(parsed), ctx), mutated: operation.mutates };
}
