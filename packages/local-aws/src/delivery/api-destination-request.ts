import { evaluateJsonPath } from '../events/json-path.js';
import type { ApiDestinationRecord, ConnectionRecord, EventEnvelope, HttpParameterEntry, JsonObject, Target } from '../events/model.js';

/**
 * A target's HttpParameters value: a JSONPath (`$.detail.id`) is replaced by what it selects in the event
 * (strings as they are, other values as JSON; nothing when the path selects nothing), anything else is literal.
 */
export function resolveParameter(value: string, event: EventEnvelope): string {
  if (!value.startsWith('$.') && !value.startsWith('$[')) return value;
  const selected = evaluateJsonPath(event, value);
  if (selected === undefined || selected === null) return '';
  return typeof selected === 'string' ? selected : JSON.stringify(selected);
}

/** An HTTP call to an API destination, ready to send. */
export interface Invocation {
  readonly method: string;
  readonly url: string;
  /** The same URL with secret query values masked, for records and logs. */
  readonly displayUrl: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Headers EventBridge adds to every API destination call (custom parameters may override Content-Type). */
const DEFAULT_HEADERS: Record<string, string> = {
  'User-Agent': 'Amazon/EventBridge/ApiDestinations',
  'Content-Type': 'application/json; charset=utf-8',
  Range: 'bytes=0-1048575',
  'Accept-Encoding': 'gzip,deflate',
  Connection: 'close',
};

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

function entries(list: HttpParameterEntry[] | undefined): Array<{ key: string; value: string; secret: boolean }> {
  return (list ?? [])
    .filter((p) => p.Key !== undefined)
    .map((p) => ({ key: p.Key ?? '', value: p.Value ?? '', secret: p.IsValueSecret === true }));
}

/** Inserts PathParameterValues into the endpoint's `*` wildcards, in order. */
function fillPath(endpoint: string, values: readonly string[]): string {
  let index = 0;
  return endpoint.replace(/\*/g, () => encodeURIComponent(values[index++] ?? ''));
}

/**
 * Builds the request EventBridge sends to an API destination: method and endpoint from the destination,
 * path/query/header parameters from the target and the connection (the connection wins on a clash),
 * and the connection's authorization header.
 */
export function buildInvocation(
  destination: ApiDestinationRecord,
  connection: ConnectionRecord,
  target: Target,
  body: string,
  event: EventEnvelope,
): Invocation {
  const pathValues = (target.HttpParameters?.PathParameterValues ?? []).map((v) => resolveParameter(v, event));
  const url = new URL(fillPath(destination.invocationEndpoint, pathValues));
  const secretQueryKeys = new Set<string>();
  for (const [key, value] of Object.entries(target.HttpParameters?.QueryStringParameters ?? {})) {
    url.searchParams.set(key, resolveParameter(value, event));
  }
  const invocationParams = connection.authParameters.InvocationHttpParameters;
  for (const p of entries(invocationParams?.QueryStringParameters)) {
    url.searchParams.set(p.key, p.value);
    if (p.secret) secretQueryKeys.add(p.key);
  }

  const headers: Record<string, string> = { ...DEFAULT_HEADERS };
  for (const [key, value] of Object.entries(target.HttpParameters?.HeaderParameters ?? {})) {
    setHeader(headers, key, resolveParameter(value, event));
  }
  for (const p of entries(invocationParams?.HeaderParameters)) setHeader(headers, p.key, p.value);
  const auth = connection.authParameters;
  if (connection.authorizationType === 'API_KEY' && auth.ApiKeyAuthParameters) {
    setHeader(headers, auth.ApiKeyAuthParameters.ApiKeyName, auth.ApiKeyAuthParameters.ApiKeyValue);
  } else if (connection.authorizationType === 'BASIC' && auth.BasicAuthParameters) {
    const { Username, Password } = auth.BasicAuthParameters;
    setHeader(headers, 'Authorization', `Basic ${Buffer.from(`${Username}:${Password}`).toString('base64')}`);
  }

  let payload: string | undefined = body;
  const bodyParams = entries(invocationParams?.BodyParameters);
  if (bodyParams.length > 0) {
    // Connection body parameters are merged into a JSON object body (the connection wins on a clash).
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        const merged = parsed as JsonObject;
        for (const p of bodyParams) merged[p.key] = p.value;
        payload = JSON.stringify(merged);
      }
    } catch {
      payload = body;
    }
  }
  if (destination.httpMethod === 'GET' || destination.httpMethod === 'HEAD') payload = undefined;

  const display = new URL(url.toString());
  for (const key of secretQueryKeys) display.searchParams.set(key, '***');
  return { method: destination.httpMethod, url: url.toString(), displayUrl: display.toString(), headers, ...(payload !== undefined ? { body: payload } : {}) };
}
