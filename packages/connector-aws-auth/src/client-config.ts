/**
 * The one place AWS SDK client configuration is built: region, credentials, client settings (timeout,
 * retries, endpoint override) and workspace defaults. Endpoint order: the node's override, then the host's
 * `aws.endpoint` service (its embedded local AWS), then the SDK's own resolution (`AWS_ENDPOINT_URL_<SERVICE>`,
 * `AWS_ENDPOINT_URL`, profiles, the AWS endpoint), so pointing at LocalStack or AWS needs no code change.
 */
import type { ActivityContext } from '@flowbridge/runtime';
import { assertNotExpired, optionalCredentials, type AwsCredentials } from './credentials.js';
import { isKnownRegion } from './definitions/regions.js';
import { describe, invalidInput, isBlank } from './inputs.js';
import { AWS_DEFAULTS_SERVICE, AWS_ENDPOINT_SERVICE, optionalService, type AwsClientDefaults } from './services.js';

export type { AwsClientDefaults } from './services.js';


/** The client settings of one node, as Mendix's BasicClientConfig (all optional). */
export interface AwsClientSettings {
  timeoutSeconds?: number;
  retryPolicy?: 'default' | 'count' | 'none';
  maxRetries?: number;
  endpoint?: string;
}

/** What `buildClientConfig` needs. */
export interface ClientConfigInput {
  region: string;
  credentials?: AwsCredentials;
  settings?: AwsClientSettings;
  defaults?: AwsClientDefaults;
  /** The host's AWS endpoint (`aws.endpoint` service), if it runs one. */
  hostEndpoint?: string;
  /** How far the module's clock is ahead of the system clock; requests are signed with the module's time. */
  clockOffsetMs?: number;
}

/** The subset of SDK client configuration Flowbridge sets; accepted by every `@aws-sdk/client-*` constructor. */
export interface AwsClientConfig {
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
  endpoint?: string;
  maxAttempts?: number;
  requestHandler?: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true };
  systemClockOffset?: number;
}

/** Builds SDK client configuration; fields left undefined let the SDK apply its own defaults. */
export function buildClientConfig(input: ClientConfigInput): AwsClientConfig {
  const config: AwsClientConfig = { region: input.region };
  if (input.credentials) {
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = input.credentials;
    config.credentials = {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration ? { expiration: new Date(expiration) } : {}),
    };
  }
  const endpoint = input.settings?.endpoint || input.hostEndpoint;
  if (endpoint) config.endpoint = endpoint;

  const policy = input.settings?.retryPolicy ?? 'default';
  const retries = policy === 'none' ? 0 : policy === 'count' ? input.settings?.maxRetries : input.defaults?.maxRetries === 'none' ? 0 : input.defaults?.maxRetries;
  if (retries !== undefined) config.maxAttempts = retries + 1;

  const timeoutSeconds = input.settings?.timeoutSeconds ?? input.defaults?.timeoutSeconds;
  if (timeoutSeconds !== undefined && timeoutSeconds > 0) {
    const ms = Math.round(timeoutSeconds * 1000);
    // Without throwOnRequestTimeout the handler only logs a warning and keeps waiting.
    config.requestHandler = { requestTimeout: ms, connectionTimeout: ms, throwOnRequestTimeout: true };
  }
  if (input.clockOffsetMs) config.systemClockOffset = input.clockOffsetMs;
  return config;
}

/** The region, credentials and client configuration of an AWS activity node. */
export interface AwsActivityClient {
  region: string;
  credentials?: AwsCredentials;
  config: AwsClientConfig;
}

/**
 * Reads the node's Region, Credentials and client settings fields plus the host services into client
 * configuration. `now` is the module's clock: expiry checks use it and requests are signed with it.
 */
export async function readAwsClientConfig(ctx: ActivityContext, now: number = Date.now()): Promise<AwsActivityClient> {
  // Whole seconds: SigV4 times have second precision, and a stable offset keeps the client cache effective.
  const clockOffsetMs = Math.round((now - Date.now()) / 1000) * 1000;
  const region = await readRegion(ctx);
  const credentials = await optionalCredentials(ctx);
  if (credentials) assertNotExpired(ctx, credentials, now);
  const settings = readClientSettings(ctx);
  const defaults = optionalService(ctx, AWS_DEFAULTS_SERVICE);
  const hostEndpoint = optionalService(ctx, AWS_ENDPOINT_SERVICE);
  const config = buildClientConfig({
    region,
    ...(credentials ? { credentials } : {}),
    settings,
    ...(defaults ? { defaults } : {}),
    ...(typeof hostEndpoint === 'string' && hostEndpoint ? { hostEndpoint } : {}),
    ...(clockOffsetMs !== 0 ? { clockOffsetMs } : {}),
  });
  return { region, ...(credentials ? { credentials } : {}), config };
}

/** The node's `region` field as a known region code. */
export async function readRegion(ctx: ActivityContext, field = 'region'): Promise<string> {
  const value = isBlank(ctx, field) ? undefined : await ctx.value(field);
  // An enumeration value may arrive as its code or as {value, label}.
  const code = typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string' ? (value as { value: string }).value : value;
  if (typeof code !== 'string' || code === '') throw invalidInput(ctx, field, `Region is required but the expression gave ${describe(value)}`);
  if (!isKnownRegion(code)) throw invalidInput(ctx, field, `"${code}" is not an AWS region; pick one from the list (e.g. us-east-1, eu-west-1)`);
  return code;
}

/** The node's client settings fields (literal values). */
export function readClientSettings(ctx: ActivityContext): AwsClientSettings {
  const settings: AwsClientSettings = {};
  const timeout = ctx.raw('timeoutSeconds');
  if (timeout !== undefined && timeout !== null && timeout !== '') {
    if (typeof timeout !== 'number' || !(timeout > 0)) throw invalidInput(ctx, 'timeoutSeconds', `Timeout must be a positive number of seconds but is ${describe(timeout)}`);
    settings.timeoutSeconds = timeout;
  }
  const policy = ctx.raw('retryPolicy');
  if (policy === 'none' || policy === 'count' || policy === 'default') settings.retryPolicy = policy;
  else if (policy !== undefined && policy !== null && policy !== '') throw invalidInput(ctx, 'retryPolicy', `Retry policy must be default, count or none, not ${describe(policy)}`);
  if (settings.retryPolicy === 'count') {
    const retries = ctx.raw('maxRetries');
    if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 20) {
      throw invalidInput(ctx, 'maxRetries', `Retries must be a whole number from 0 to 20 but is ${describe(retries)}`);
    }
    settings.maxRetries = retries;
  }
  const endpoint = ctx.raw('endpoint');
  if (typeof endpoint === 'string' && endpoint.trim() !== '') {
    if (!/^https?:\/\/[^\s/]+/.test(endpoint.trim())) throw invalidInput(ctx, 'endpoint', `Endpoint override must be an http(s) URL such as http://127.0.0.1:4566, not "${endpoint}"`);
    settings.endpoint = endpoint.trim();
  }
  return settings;
}
