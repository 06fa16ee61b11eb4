import { validationError } from '../../aws-error.js';
import type { EventsContext } from '../events-context.js';
import type { JsonObject } from '../model.js';
import { compileEventPattern, eventMatches } from '../pattern-matcher.js';
import { isJsonObject, type RequestInput } from '../request-input.js';

/** Fields AWS insists a test event carries. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

export function testEventPattern(input: RequestInput, _ctx: EventsContext): JsonObject {
  const pattern = input.string('EventPattern');
  const eventText = input.string('Event');

  let event: unknown;
  try {
    event = JSON.parse(eventText ?? '');
  } catch {
    event = undefined;
  }
  if (!isJsonObject(event) || REQUIRED_EVENT_FIELDS.some((f) => !(f in event))) {
    throw validationError('Parameter Event is not valid.');
  }
  const compiled = compileEventPattern(pattern ?? '');
  return { Result: eventMatches(compiled, event) };
}
