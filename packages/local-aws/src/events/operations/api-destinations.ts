import { AwsServiceError } from '../../aws-error.js';
import { apiDestinationArn } from '../arns.js';
import { epochSeconds, type EventsContext } from '../events-context.js';
import { requireHttpsEndpoint } from '../https-endpoint.js';
import type { ApiDestinationRecord, HttpMethod, JsonObject } from '../model.js';
import { paginate } from '../pagination.js';
import type { RequestInput } from '../request-input.js';
import { connectionByArn } from './connections.js';

/** AWS's default when InvocationRateLimitPerSecond is omitted. */
const DEFAULT_RATE_LIMIT = 300;

/** ACTIVE while its connection is authorized, INACTIVE otherwise (AWS derives it the same way). */
export function apiDestinationState(ctx: Pick<EventsContext, 'state'>, d: ApiDestinationRecord): 'ACTIVE' | 'INACTIVE' {
  return connectionByArn(ctx, d.connectionArn)?.state === 'AUTHORIZED' ? 'ACTIVE' : 'INACTIVE';
}

/** Full description of an API destination, as DescribeApiDestination and the admin view show it. */
export function describeApiDestinationRecord(ctx: Pick<EventsContext, 'state'>, d: ApiDestinationRecord): JsonObject {
  const out: JsonObject = { ApiDestinationArn: d.arn, Name: d.name };
  if (d.description !== undefined) out.Description = d.description;
  out.ApiDestinationState = apiDestinationState(ctx, d);
  out.ConnectionArn = d.connectionArn;
  out.InvocationEndpoint = d.invocationEndpoint;
  out.HttpMethod = d.httpMethod;
  out.InvocationRateLimitPerSecond = d.invocationRateLimitPerSecond;
  out.CreationTime = epochSeconds(d.creationTime);
  out.LastModifiedTime = epochSeconds(d.lastModifiedTime);
  return out;
}

function shortOutput(ctx: EventsContext, d: ApiDestinationRecord): JsonObject {
  return {
    ApiDestinationArn: d.arn,
    ApiDestinationState: apiDestinationState(ctx, d),
    CreationTime: epochSeconds(d.creationTime),
    LastModifiedTime: epochSeconds(d.lastModifiedTime),
  };
}

function notFound(name: string, prefix = ''): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', `${prefix}An api-destination '${name}' does not exist.`);
}

interface DestinationFields {
  name: string | undefined;
  description: string | undefined;
  connectionArn: string | undefined;
  endpoint: string | undefined;
  method: string | undefined;
  rate: number | undefined;
}

function readFields(input: RequestInput, create: boolean): DestinationFields {
  const f: DestinationFields = {
    name: input.string('Name'),
    description: input.string('Description'),
    connectionArn: input.string('ConnectionArn'),
    endpoint: input.string('InvocationEndpoint'),
    method: input.string('HttpMethod'),
    rate: input.number('InvocationRateLimitPerSecond'),
  };
  return f;
}

function requireConnectionArn(ctx: EventsContext, arn: string): void {
  if (!connectionByArn(ctx, arn)) {
    const name = arn.split('/')[1] ?? arn;
    throw new AwsServiceError('ResourceNotFoundException', `Connection '${name}' does not exist.`);
  }
}

export function createApiDestination(input: RequestInput, ctx: EventsContext): JsonObject {
  const f = readFields(input, true);
  const name = f.name ?? '';
  if (ctx.state.apiDestinations.has(name)) {
    throw new AwsServiceError('ResourceAlreadyExistsException', `An api-destination '${name}' already exists.`);
  }
  requireConnectionArn(ctx, f.connectionArn ?? '');
  requireHttpsEndpoint('InvocationEndpoint', f.endpoint ?? '');
  const now = ctx.now();
  const record: ApiDestinationRecord = {
    name,
    arn: apiDestinationArn(ctx.scope, name),
    connectionArn: f.connectionArn ?? '',
    invocationEndpoint: f.endpoint ?? '',
    httpMethod: f.method as HttpMethod,
    invocationRateLimitPerSecond: f.rate ?? DEFAULT_RATE_LIMIT,
    creationTime: now,
    lastModifiedTime: now,
  };
  if (f.description !== undefined) record.description = f.description;
  ctx.state.apiDestinations.set(name, record);
  return shortOutput(ctx, record);
}

function readName(input: RequestInput): string {
  const name = input.string('Name');
  return name ?? '';
}

export function describeApiDestination(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = readName(input);
  const d = ctx.state.apiDestinations.get(name);
  if (!d) throw notFound(name, 'Failed to describe the api-destination(s). ');
  return describeApiDestinationRecord(ctx, d);
}

export function updateApiDestination(input: RequestInput, ctx: EventsContext): JsonObject {
  const f = readFields(input, false);
  const name = f.name ?? '';
  const d = ctx.state.apiDestinations.get(name);
  if (!d) throw notFound(name);
  if (f.connectionArn !== undefined) requireConnectionArn(ctx, f.connectionArn);
  if (f.endpoint !== undefined) requireHttpsEndpoint('InvocationEndpoint', f.endpoint);
  if (f.description !== undefined) d.description = f.description;
  if (f.connectionArn !== undefined) d.connectionArn = f.connectionArn;
  if (f.endpoint !== undefined) d.invocationEndpoint = f.endpoint;
  if (f.method !== undefined) d.httpMethod = f.method as HttpMethod;
  if (f.rate !== undefined) d.invocationRateLimitPerSecond = f.rate;
  d.lastModifiedTime = ctx.now();
  return shortOutput(ctx, d);
}

export function deleteApiDestination(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = readName(input);
  if (!ctx.state.apiDestinations.delete(name)) throw notFound(name);
  return {};
}

export function listApiDestinations(input: RequestInput, ctx: EventsContext): JsonObject {
  const prefix = input.string('NamePrefix');
  const connection = input.string('ConnectionArn');
  const all = [...ctx.state.apiDestinations.values()].filter(
    (d) => (prefix === undefined || d.name.startsWith(prefix)) && (connection === undefined || d.connectionArn === connection),
  );
  const page = paginate(all, input);
  const out: JsonObject = {
    ApiDestinations: page.items.map((d) => {
      const { Description: _omitted, ...rest } = describeApiDestinationRecord(ctx, d);
      return rest;
    }),
  };
  if (page.nextToken) out.NextToken = page.nextToken;
  return out;
}
