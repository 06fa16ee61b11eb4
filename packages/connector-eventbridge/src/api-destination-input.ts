/** Reading the API destination fields shared by Create and Update. */
import type { ApiDestinationHttpMethod } from '@aws-sdk/client-eventbridge';
import { flag, invalidInput, optionalInteger, optionalString } from '@flowbridge/connector-aws-auth';
import type { ActivityContext } from '@flowbridge/runtime';
import { HTTP_METHODS } from './definitions/names.js';

/** The request members of an API destination; undefined members are left unchanged by an update. */
export interface ApiDestinationInput {
  Description?: string;
  ConnectionArn?: string;
  InvocationEndpoint?: string;
  HttpMethod?: ApiDestinationHttpMethod;
  InvocationRateLimitPerSecond?: number;
}

const CONNECTION_ARN = /^arn:aws[\w-]*:events:[\w-]+:\d{12}:connection\/[.\-_A-Za-z0-9]+\/[\w-]+$/;

/** Reads and checks the fields; `required` (create) demands connection, endpoint and method. */
export async function readApiDestinationInput(ctx: ActivityContext, required: boolean): Promise<ApiDestinationInput> {
  const input: ApiDestinationInput = {};
  const description = await optionalString(ctx, 'description', 'Description');
  if (description !== undefined) input.Description = description;

  const connectionArn = await optionalString(ctx, 'connectionArn', 'Connection ARN');
  if (connectionArn !== undefined) {
    if (!CONNECTION_ARN.test(connectionArn)) throw invalidInput(ctx, 'connectionArn', `"${connectionArn}" is not a connection ARN (arn:aws:events:REGION:ACCOUNT:connection/NAME/ID)`);
    input.ConnectionArn = connectionArn;
  } else if (required) throw invalidInput(ctx, 'connectionArn', 'Connection ARN is required, e.g. $ConnectionResponse.ConnectionArn');

  const endpoint = await optionalString(ctx, 'invocationEndpoint', 'Endpoint URL');
  if (endpoint !== undefined) input.InvocationEndpoint = withWildcard(ctx, endpoint, flag(ctx, 'wildcard', false));
  else if (required) throw invalidInput(ctx, 'invocationEndpoint', 'Endpoint URL is required, e.g. https://app.example.com/rest/EventBridge/v1/event');

  const method = ctx.raw('httpMethod');
  if (typeof method === 'string' && method !== '') {
    if (!(HTTP_METHODS as readonly string[]).includes(method)) throw invalidInput(ctx, 'httpMethod', `HTTP method must be one of ${HTTP_METHODS.join(', ')}, not "${method}"`);
    input.HttpMethod = method as ApiDestinationHttpMethod;
  } else if (required) throw invalidInput(ctx, 'httpMethod', `HTTP method is required: one of ${HTTP_METHODS.join(', ')}`);

  const rate = await optionalInteger(ctx, 'invocationRateLimitPerSecond', 'Rate limit per second', 1, 1_000_000);
  if (rate !== undefined) input.InvocationRateLimitPerSecond = rate;
  return input;
}

/** The endpoint with `/*` appended for the Wildcard option (path parameters filled in by targets). */
function withWildcard(ctx: ActivityContext, endpoint: string, wildcard: boolean): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalidInput(ctx, 'invocationEndpoint', `"${endpoint}" is not a URL; use https://host/path`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput(ctx, 'invocationEndpoint', `"${endpoint}" must be an https:// URL (http:// only for local endpoints)`);
  if (!wildcard || endpoint.endsWith('/*')) return endpoint;
  return `${endpoint.replace(/\/+$/, '')}/*`;
}
