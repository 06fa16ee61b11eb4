import { AwsServiceError, validationError } from '../../aws-error.js';
import { connectionArn, connectionSecretArn } from '../arns.js';
import { epochSeconds, type EventsContext } from '../events-context.js';
import { requireHttpsEndpoint } from '../https-endpoint.js';
import type {
  AuthorizationType,
  ConnectionAuthParameters,
  ConnectionRecord,
  ConnectionState,
  InvocationHttpParameters,
  JsonObject,
} from '../model.js';
import { paginate } from '../pagination.js';
import type { RequestInput } from '../request-input.js';

const AUTH_BLOCK: Record<AuthorizationType, keyof ConnectionAuthParameters> = {
  API_KEY: 'ApiKeyAuthParameters',
  BASIC: 'BasicAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
};

/** Auth parameters as AWS shows them: names only, every secret left out. */
function publicAuthParameters(auth: ConnectionAuthParameters): JsonObject {
  const out: JsonObject = {};
  if (auth.ApiKeyAuthParameters) out.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (auth.BasicAuthParameters) out.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (auth.OAuthParameters) {
    const o = auth.OAuthParameters;
    const oauth: JsonObject = { AuthorizationEndpoint: o.AuthorizationEndpoint, HttpMethod: o.HttpMethod };
    if (o.ClientParameters) oauth.ClientParameters = { ClientID: o.ClientParameters.ClientID };
    if (o.OAuthHttpParameters) oauth.OAuthHttpParameters = publicInvocationParameters(o.OAuthHttpParameters);
    out.OAuthParameters = oauth;
  }
  if (auth.InvocationHttpParameters) out.InvocationHttpParameters = publicInvocationParameters(auth.InvocationHttpParameters);
  return out;
}

/** Parameters marked IsValueSecret keep their key but not their value. */
function publicInvocationParameters(params: InvocationHttpParameters): JsonObject {
  const out: JsonObject = {};
  for (const member of ['HeaderParameters', 'QueryStringParameters', 'BodyParameters'] as const) {
    const list = params[member];
    if (!list) continue;
    out[member] = list.map((p) => {
      const entry: JsonObject = {};
      if (p.Key !== undefined) entry.Key = p.Key;
      if (p.Value !== undefined && !p.IsValueSecret) entry.Value = p.Value;
      if (p.IsValueSecret !== undefined) entry.IsValueSecret = p.IsValueSecret;
      return entry;
    });
  }
  return out;
}

/** A connection without any secret, for the admin view. */
export function connectionWithoutSecrets(c: ConnectionRecord): JsonObject {
  return describe(c);
}

function describe(c: ConnectionRecord): JsonObject {
  const out: JsonObject = { ConnectionArn: c.arn, Name: c.name };
  if (c.description !== undefined) out.Description = c.description;
  out.ConnectionState = c.state;
  out.AuthorizationType = c.authorizationType;
  out.SecretArn = c.secretArn;
  out.AuthParameters = publicAuthParameters(c.authParameters);
  out.CreationTime = epochSeconds(c.creationTime);
  out.LastModifiedTime = epochSeconds(c.lastModifiedTime);
  out.LastAuthorizedTime = epochSeconds(c.lastAuthorizedTime);
  return out;
}

function summary(c: ConnectionRecord): JsonObject {
  return {
    ConnectionArn: c.arn,
    Name: c.name,
    ConnectionState: c.state,
    AuthorizationType: c.authorizationType,
    CreationTime: epochSeconds(c.creationTime),
    LastModifiedTime: epochSeconds(c.lastModifiedTime),
    LastAuthorizedTime: epochSeconds(c.lastAuthorizedTime),
  };
}

function requireConnection(ctx: EventsContext, name: string, prefix = ''): ConnectionRecord {
  const c = ctx.state.connections.get(name);
  if (!c) throw new AwsServiceError('ResourceNotFoundException', `${prefix}Connection '${name}' does not exist.`);
  return c;
}

/** Finds a connection by ARN (API destinations refer to connections that way). */
export function connectionByArn(ctx: Pick<EventsContext, 'state'>, arn: string): ConnectionRecord | undefined {
  for (const c of ctx.state.connections.values()) if (c.arn === arn) return c;
  return undefined;
}

/** API_KEY and BASIC connections authorize at once; OAuth ones once the service has fetched a token. */
function initialState(type: AuthorizationType): ConnectionState {
  return type === 'OAUTH_CLIENT_CREDENTIALS' ? 'AUTHORIZING' : 'AUTHORIZED';
}

function requireAuthBlock(type: AuthorizationType, auth: ConnectionAuthParameters): void {
  const block = AUTH_BLOCK[type];
  if (!auth[block]) throw validationError(`${block} must be specified for AuthorizationType ${type}.`);
}

/** An OAuth connection's token endpoint must be https, as on AWS (loopback http allowed locally). */
function checkAuthorizationEndpoint(auth: ConnectionAuthParameters): void {
  const endpoint = auth.OAuthParameters?.AuthorizationEndpoint;
  if (endpoint !== undefined) requireHttpsEndpoint('AuthorizationEndpoint', endpoint);
}

export function createConnection(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = input.string('Name');
  const description = input.string('Description');
  const type = input.string('AuthorizationType');
  const auth = input.object('AuthParameters');

  const authType = type as AuthorizationType;
  // Validated above against the model; stored as the API sent it.
  const authParameters = auth as unknown as ConnectionAuthParameters;
  requireAuthBlock(authType, authParameters);
  checkAuthorizationEndpoint(authParameters);
  const connectionName = name ?? '';
  if (ctx.state.connections.has(connectionName)) {
    throw new AwsServiceError('ResourceAlreadyExistsException', `Connection ${connectionName} already exists.`);
  }
  const now = ctx.now();
  const record: ConnectionRecord = {
    name: connectionName,
    arn: connectionArn(ctx.scope, connectionName),
    secretArn: connectionSecretArn(ctx.scope, connectionName),
    authorizationType: authType,
    authParameters,
    state: initialState(authType),
    creationTime: now,
    lastModifiedTime: now,
    lastAuthorizedTime: now,
  };
  if (description !== undefined) record.description = description;
  ctx.state.connections.set(connectionName, record);
  if (record.state === 'AUTHORIZING') ctx.authorizeConnection?.(record);
  return {
    ConnectionArn: record.arn,
    ConnectionState: record.state,
    CreationTime: epochSeconds(now),
    LastModifiedTime: epochSeconds(now),
  };
}

function readName(input: RequestInput): string {
  const name = input.string('Name');
  return name ?? '';
}

export function describeConnection(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = readName(input);
  return describe(requireConnection(ctx, name, 'Failed to describe the connection(s). '));
}

function mergeAuth(stored: ConnectionAuthParameters, update: ConnectionAuthParameters, typeChanged: boolean): ConnectionAuthParameters {
  if (typeChanged) return update;
  const merged: ConnectionAuthParameters = { ...stored };
  if (update.ApiKeyAuthParameters) merged.ApiKeyAuthParameters = { ...stored.ApiKeyAuthParameters, ...update.ApiKeyAuthParameters };
  if (update.BasicAuthParameters) merged.BasicAuthParameters = { ...stored.BasicAuthParameters, ...update.BasicAuthParameters };
  if (update.OAuthParameters) merged.OAuthParameters = { ...stored.OAuthParameters, ...update.OAuthParameters };
  if (update.InvocationHttpParameters) merged.InvocationHttpParameters = update.InvocationHttpParameters;
  return merged;
}

export function updateConnection(input: RequestInput, ctx: EventsContext): JsonObject {
  const name = input.string('Name');
  const description = input.string('Description');
  const type = input.string('AuthorizationType');
  const auth = input.object('AuthParameters');

  const record = requireConnection(ctx, name ?? '');
  const newType = (type as AuthorizationType | undefined) ?? record.authorizationType;
  const typeChanged = newType !== record.authorizationType;
  const update = (auth ?? {}) as unknown as ConnectionAuthParameters;
  const merged = mergeAuth(record.authParameters, update, typeChanged);
  requireAuthBlock(newType, merged);
  checkAuthorizationEndpoint(update);
  const now = ctx.now();
  record.authorizationType = newType;
  record.authParameters = merged;
  if (description !== undefined) record.description = description;
  record.state = initialState(newType);
  if (record.state === 'AUTHORIZING') ctx.authorizeConnection?.(record);
  record.lastModifiedTime = now;
  record.lastAuthorizedTime = now;
  return {
    ConnectionArn: record.arn,
    ConnectionState: record.state,
    CreationTime: epochSeconds(record.creationTime),
    LastModifiedTime: epochSeconds(now),
    LastAuthorizedTime: epochSeconds(now),
  };
}

export function deauthorizeConnection(input: RequestInput, ctx: EventsContext): JsonObject {
  const record = requireConnection(ctx, readName(input));
  const now = ctx.now();
  // Deauthorizing drops the stored credentials; an update with new ones authorizes again.
  const { InvocationHttpParameters } = record.authParameters;
  record.authParameters = InvocationHttpParameters ? { InvocationHttpParameters } : {};
  record.state = 'DEAUTHORIZED';
  record.lastModifiedTime = now;
  return {
    ConnectionArn: record.arn,
    ConnectionState: 'DEAUTHORIZING',
    CreationTime: epochSeconds(record.creationTime),
    LastModifiedTime: epochSeconds(now),
    LastAuthorizedTime: epochSeconds(record.lastAuthorizedTime),
  };
}

export function deleteConnection(input: RequestInput, ctx: EventsContext): JsonObject {
  const record = requireConnection(ctx, readName(input));
  ctx.state.connections.delete(record.name);
  return {
    ConnectionArn: record.arn,
    ConnectionState: 'DELETING',
    CreationTime: epochSeconds(record.creationTime),
    LastModifiedTime: epochSeconds(ctx.now()),
    LastAuthorizedTime: epochSeconds(record.lastAuthorizedTime),
  };
}

export function listConnections(input: RequestInput, ctx: EventsContext): JsonObject {
  const prefix = input.string('NamePrefix');
  const state = input.string('ConnectionState');
  const all = [...ctx.state.connections.values()].filter(
    (c) => (prefix === undefined || c.name.startsWith(prefix)) && (state === undefined || c.state === state),
  );
  const page = paginate(all, input);
  const out: JsonObject = { Connections: page.items.map(summary) };
  if (page.nextToken) out.NextToken = page.nextToken;
  return out;
}
