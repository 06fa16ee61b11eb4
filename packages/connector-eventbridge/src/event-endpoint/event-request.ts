/**
 * The event endpoint's request check: authenticates an API destination call and turns its body into
 * an EventBridge event plus the `HttpRequest` value the callback flow receives. Framework-free, so the
 * server mounts it on any HTTP stack.
 */
import { apiKeyMatches } from './api-key.js';

/** The EventBridge event envelope, as an API destination sends it. */
export interface EventBridgeEvent {
  id: string;
  'detail-type': string;
  source: string;
  detail: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a callback flow's `HttpRequest` parameter holds (the object type `HttpRequest`). */
export interface HttpRequestValue {
  method: string;
  uri: string;
  /** Lower-case header names; the API key header is removed. */
  headers: Record<string, string>;
  /** The raw body text. */
  content: string;
  event: EventBridgeEvent;
}

export interface EventRequestInput {
  method: string;
  uri: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export interface EventEndpointAuth {
  /** The `EventBridge.APIKey` constant; undefined or empty refuses every request. */
  apiKey: string | undefined;
  /** The header carrying the key (the connection's ApiKeyName), lower case; default `x-api-key`. */
  apiKeyHeader?: string;
}

export type EventRequestResult =
  | { ok: true; event: EventBridgeEvent; request: HttpRequestValue }
  | { ok: false; status: 400 | 401 | 415; error: string; message: string };

export const DEFAULT_API_KEY_HEADER = 'x-api-key';

/** Checks the API key first (nothing else is looked at without it), then content type and body. */
export function checkEventRequest(input: EventRequestInput, auth: EventEndpointAuth): EventRequestResult {
  const checked = readEventRequest(input, auth);
  if (!checked.ok) return checked;
  const { event, headers } = checked;
  return { ok: true, event, request: { method: input.method, uri: input.uri, headers, content: input.body, event } };
}

/** The checked event and the headers a flow may see, or the refusal. */
export type EventRequestReading = { ok: true; event: EventBridgeEvent; headers: Record<string, string> } | Extract<EventRequestResult, { ok: false }>;

/** `checkEventRequest` without assembling the `HttpRequest` value, for callers that store its parts apart. */
export function readEventRequest(input: EventRequestInput, auth: EventEndpointAuth): EventRequestReading {
  const keyHeader = (auth.apiKeyHeader ?? DEFAULT_API_KEY_HEADER).toLowerCase();
  const presented = headerValue(input.headers, keyHeader);
  if (!apiKeyMatches(presented, auth.apiKey)) {
    return {
      ok: false,
      status: 401,
      error: 'Unauthorized',
      message:
        auth.apiKey === undefined || auth.apiKey === ''
          ? 'The event endpoint has no API key configured; set the EventBridge.APIKey constant (FLOWBRIDGE_EVENTBRIDGE_APIKEY).'
          : `Missing or wrong API key in the ${keyHeader} header.`,
    };
  }
  const contentType = (headerValue(input.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return { ok: false, status: 415, error: 'UnsupportedMediaType', message: `Events must be sent as application/json, got "${contentType || 'no content type'}".` };
  }
  const depth = nestingProblem(input.body, MAX_EVENT_DEPTH);
  if (depth) return { ok: false, status: 400, error: 'InvalidEvent', message: depth };
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body);
  } catch (error) {
    return { ok: false, status: 400, error: 'InvalidJson', message: `The body is not valid JSON: ${(error as Error).message}` };
  }
  const problem = eventProblem(parsed);
  if (problem) return { ok: false, status: 400, error: 'InvalidEvent', message: problem };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    // The key never reaches a flow, a trace or the inbox.
    if (lower === keyHeader || lower === 'authorization' || value === undefined) continue;
    headers[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { ok: true, event: parsed as EventBridgeEvent, headers };
}

/** The longest event id accepted anywhere (endpoint, inbox, replay): one limit, so every accepted event can be replayed. */
export const MAX_EVENT_ID_LENGTH = 256;

/** Why `value` is not an EventBridge event, or null when it is one. */
export function eventProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'The body must be an EventBridge event: a JSON object.';
  const event = value as Record<string, unknown>;
  for (const field of ['id', 'detail-type', 'source'] as const) {
    const value = event[field];
    if (typeof value !== 'string' || value === '') return `The event has no "${field}" (a non-empty string is required).`;
    const problem = textProblem(value);
    if (problem) return `The event "${field}" ${problem}.`;
  }
  const detail = event.detail;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return 'The event "detail" must be a JSON object.';
  return null;
}

/** Longest `id`, `detail-type` and `source` accepted (EventBridge's own ids are 36-character UUIDs). */
export const MAX_EVENT_FIELD_LENGTH = MAX_EVENT_ID_LENGTH;
/** Deepest nesting of arrays and objects accepted in an event body. */
export const MAX_EVENT_DEPTH = 100;

/** Why an identifying field is unusable as a key, a log value or a column, or null when it is fine. */
function textProblem(value: string): string | null {
  if (value.length > MAX_EVENT_FIELD_LENGTH) return `is longer than ${MAX_EVENT_FIELD_LENGTH} characters (${value.length})`;
  // With the u flag a surrogate range matches only lone surrogates. One cannot be stored as UTF-8 text: it would be altered, and the event id with it.
  if (/[\uD800-\uDFFF]/u.test(value)) return 'is not well-formed Unicode (it contains a lone surrogate)';
  const bad = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.exec(value);
  if (bad) return `contains the unprintable character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at position ${bad.index}`;
  return null;
}

/**
 * Why the JSON text nests arrays/objects deeper than `max`, or null. A linear scan of the text, run
 * before `JSON.parse`, so no recursive code (the parser, the flow's expressions) ever meets a deep body.
 */
export function nestingProblem(text: string, max: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return `The event nests objects or arrays deeper than ${max} levels (at character ${i}); flatten the detail.`;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return null;
}

function headerValue(headers: EventRequestInput['headers'], name: string): string | undefined {
  const direct = headers[name];
  const value = direct ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}
