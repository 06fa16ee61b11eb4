/**
 * The route of an event endpoint a connector declares. Its path and event shape come from the connector,
 * so the server adds these routes to the document instead of the fixed table naming any connector.
 */
import { z } from 'zod';
import { ErrorBody } from './records.js';
import type { RouteSpec } from './route-spec.js';

/** What the document needs to know about one declared endpoint. */
export interface EventEndpointRouteInput {
  /** Absolute Express path, e.g. `/rest/Vendor/v1/event`. */
  path: string;
  /** Who calls it; named in the retry answer. */
  sender: string;
  summary: string;
  /** Name of the event body schema among the document's components. */
  eventName: string;
  /** The event's required top-level fields and their JSON types. */
  eventFields: Readonly<Record<string, 'string' | 'object'>>;
  /** The header carrying the API key, and what it holds. */
  apiKeyHeader: string;
  apiKeyDescription: string;
}

const error = (description: string) => ({ description, schema: ErrorBody });

/** The route spec of one declared event endpoint: POST with the event, the key in a header, the pipeline's answers. */
export function eventEndpointRoute(input: EventEndpointRouteInput): RouteSpec {
  const fields = Object.fromEntries(Object.entries(input.eventFields).map(([name, type]) => [name, type === 'string' ? z.string() : z.record(z.string(), z.unknown())]));
  return {
    method: 'post',
    path: input.path,
    summary: input.summary,
    secured: false,
    tags: ['event endpoint'],
    headers: { [input.apiKeyHeader]: input.apiKeyDescription },
    body: z.looseObject(fields).meta({ id: input.eventName }),
    validateBody: false,
    responses: {
      200: { description: 'Received before: redelivery is recognised by the event id and not run again', schema: z.object({ id: z.string(), status: z.literal('duplicate'), message: z.string() }) },
      202: { description: 'Stored in the inbox; the callback flow runs soon', schema: z.object({ id: z.string(), status: z.literal('accepted') }) },
      400: error(`Not a ${input.eventName}`),
      401: error('API key missing or wrong'),
      413: error('Body too large'),
      415: error('Not application/json'),
      429: error('Rate limited'),
      503: error(`Not ready or overloaded; ${input.sender} retries`),
    },
  };
}
