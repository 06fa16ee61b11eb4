/**
 * The EventBridge resources this service keeps, in AWS's wire shapes where clients see them
 * (targets are stored exactly as PutTargets received them, as ListTargetsByRule returns them).
 * Times are epoch milliseconds.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventBusRecord {
  name: string;
  arn: string;
  description?: string;
  creationTime: number;
  lastModifiedTime: number;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface RetryPolicy {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

export interface HttpParameters {
  PathParameterValues?: string[];
  HeaderParameters?: Record<string, string>;
  QueryStringParameters?: Record<string, string>;
}

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

/** A rule target as the PutTargets API defines it (only the members this service acts on are typed). */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  HttpParameters?: HttpParameters;
  RetryPolicy?: RetryPolicy;
  DeadLetterConfig?: { Arn?: string };
  [other: string]: JsonValue | undefined | object;
}

export interface RuleRecord {
  name: string;
  arn: string;
  eventBusName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  createdBy: string;
  targets: Target[];
}

export type AuthorizationType = 'API_KEY' | 'BASIC' | 'OAUTH_CLIENT_CREDENTIALS';

export type ConnectionState =
  | 'CREATING'
  | 'UPDATING'
  | 'DELETING'
  | 'AUTHORIZED'
  | 'DEAUTHORIZED'
  | 'AUTHORIZING'
  | 'DEAUTHORIZING'
  | 'ACTIVE'
  | 'FAILED_CONNECTIVITY';

export interface HttpParameterEntry {
  Key?: string;
  Value?: string;
  IsValueSecret?: boolean;
}

export interface InvocationHttpParameters {
  HeaderParameters?: HttpParameterEntry[];
  QueryStringParameters?: HttpParameterEntry[];
  BodyParameters?: HttpParameterEntry[];
}

/** Connection auth parameters including secrets; never sent back to a client as is. */
export interface ConnectionAuthParameters {
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue: string };
  BasicAuthParameters?: { Username: string; Password: string };
  OAuthParameters?: {
    AuthorizationEndpoint: string;
    HttpMethod: string;
    ClientParameters?: { ClientID: string; ClientSecret?: string };
    OAuthHttpParameters?: InvocationHttpParameters;
  };
  InvocationHttpParameters?: InvocationHttpParameters;
}

export interface ConnectionRecord {
  name: string;
  arn: string;
  secretArn: string;
  description?: string;
  authorizationType: AuthorizationType;
  authParameters: ConnectionAuthParameters;
  state: ConnectionState;
  creationTime: number;
  lastModifiedTime: number;
  lastAuthorizedTime: number;
}

export type HttpMethod = 'POST' | 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiDestinationRecord {
  name: string;
  arn: string;
  description?: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: HttpMethod;
  invocationRateLimitPerSecond: number;
  creationTime: number;
  lastModifiedTime: number;
}

/** The event envelope EventBridge builds for every accepted PutEvents entry (AWS key order). */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: JsonObject;
}
