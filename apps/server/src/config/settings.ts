/**
 * `settings.json` of the workspace: what runs after start-up, the event endpoint's options, and run
 * retention. Every field is optional; an unknown or malformed field stops start-up naming the field.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFlowName } from '@flowbridge/flow-model';
import { ConfigError } from './config-error.js';

/** Options the event endpoint (connector-eventbridge, issue 8) reads when the server mounts it. */
export interface EventEndpointSettings {
  /** False turns the endpoint off (404). */
  enabled: boolean;
  /** The constant holding the API key EventBridge sends. */
  apiKeyConstant: string;
  /** The header carrying the key: the connection's ApiKeyName (Register App's "API key header"). */
  apiKeyHeader: string;
  /** Largest accepted request body, in bytes (EventBridge events are at most 256 KB). */
  bodyLimitBytes: number;
  /** Requests accepted per minute per client address before answering 429. */
  rateLimitPerMinute: number;
  /** Attempts of a failing callback flow before its event is parked as dead. */
  maxAttempts: number;
  /** Delay before the first retry; each further retry doubles it. */
  retryDelayMs: number;
  /**
   * How long an instance's claim on an event lasts. A callback run is aborted a little before (the
   * run timeout), so another instance takes an event over only when its claimer died.
   */
  claimLeaseSeconds: number;
}

/** How long finished runs are kept. */
export interface RunRetentionSettings {
  /** Runs that ended more than this many days ago are deleted (0 keeps them forever). */
  maxAgeDays: number;
  /** At most this many runs are kept, newest first (0 for no limit). */
  maxRuns: number;
}

export interface WorkspaceSettings {
  /** Flows run once, in order, each time the server starts (Mendix's after-startup microflow). */
  afterStartupFlows: string[];
  eventEndpoint: EventEndpointSettings;
  runs: RunRetentionSettings;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  afterStartupFlows: [],
  eventEndpoint: {
    enabled: true,
    apiKeyConstant: 'EventBridge.APIKey',
    apiKeyHeader: 'x-api-key',
    bodyLimitBytes: 262_144,
    rateLimitPerMinute: 60_000,
    maxAttempts: 5,
    retryDelayMs: 1_000,
    claimLeaseSeconds: 600,
  },
  runs: { maxAgeDays: 30, maxRuns: 10_000 },
};

/** Reads `<workspace>/settings.json` (defaults when it is absent); throws `ConfigError` for anything wrong. */
export async function loadSettings(workspaceDir: string): Promise<WorkspaceSettings> {
  const file = join(workspaceDir, 'settings.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(DEFAULT_SETTINGS);
    throw new ConfigError(file, undefined, `cannot be read: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, undefined, `is not valid JSON: ${(error as Error).message}`);
  }
  return parseSettings(raw, file);
}

/** Checks a parsed settings object; `file` names the source in error messages. */
export function parseSettings(raw: unknown, file: string): WorkspaceSettings {
  const root = object(raw, file, undefined);
  only(root, ['$schema', 'afterStartupFlows', 'eventEndpoint', 'runs'], file, undefined);
  const settings = structuredClone(DEFAULT_SETTINGS);

  if (root.afterStartupFlows !== undefined) {
    if (!Array.isArray(root.afterStartupFlows)) throw new ConfigError(file, 'afterStartupFlows', 'must be a list of flow names, e.g. ["ASU_System"]');
    settings.afterStartupFlows = root.afterStartupFlows.map((name, i) => {
      const problem = checkFlowName(name);
      if (problem) throw new ConfigError(file, `afterStartupFlows[${i}]`, problem);
      return name as string;
    });
  }

  if (root.eventEndpoint !== undefined) {
    const endpoint = object(root.eventEndpoint, file, 'eventEndpoint');
    const defaults = DEFAULT_SETTINGS.eventEndpoint;
    only(endpoint, Object.keys(defaults), file, 'eventEndpoint');
    settings.eventEndpoint = {
      enabled: boolean(endpoint.enabled, defaults.enabled, file, 'eventEndpoint.enabled'),
      apiKeyConstant: constantName(endpoint.apiKeyConstant, defaults.apiKeyConstant, file, 'eventEndpoint.apiKeyConstant'),
      apiKeyHeader: headerName(endpoint.apiKeyHeader, defaults.apiKeyHeader, file, 'eventEndpoint.apiKeyHeader'),
      bodyLimitBytes: integer(endpoint.bodyLimitBytes, defaults.bodyLimitBytes, 1_024, 10_485_760, file, 'eventEndpoint.bodyLimitBytes'),
      rateLimitPerMinute: integer(endpoint.rateLimitPerMinute, defaults.rateLimitPerMinute, 1, 1_000_000, file, 'eventEndpoint.rateLimitPerMinute'),
      maxAttempts: integer(endpoint.maxAttempts, defaults.maxAttempts, 1, 100, file, 'eventEndpoint.maxAttempts'),
      retryDelayMs: integer(endpoint.retryDelayMs, defaults.retryDelayMs, 0, 86_400_000, file, 'eventEndpoint.retryDelayMs'),
      claimLeaseSeconds: integer(endpoint.claimLeaseSeconds, defaults.claimLeaseSeconds, 5, 86_400, file, 'eventEndpoint.claimLeaseSeconds'),
    };
  }

  if (root.runs !== undefined) {
    const runs = object(root.runs, file, 'runs');
    only(runs, Object.keys(DEFAULT_SETTINGS.runs), file, 'runs');
    settings.runs = {
      maxAgeDays: integer(runs.maxAgeDays, DEFAULT_SETTINGS.runs.maxAgeDays, 0, 36_500, file, 'runs.maxAgeDays'),
      maxRuns: integer(runs.maxRuns, DEFAULT_SETTINGS.runs.maxRuns, 0, 100_000_000, file, 'runs.maxRuns'),
    };
  }
  return settings;
}

/** A constant name `Module.Name` (letters, digits, `_`; one dot). */
export const CONSTANT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function object(value: unknown, file: string, field: string | undefined): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(file, field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function only(value: Record<string, unknown>, known: string[], file: string, field: string | undefined): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ConfigError(file, field ? `${field}.${key}` : key, `unknown setting; known settings here are ${known.filter((k) => k !== '$schema').join(', ')}`);
    }
  }
}

function boolean(value: unknown, fallback: boolean, file: string, field: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(file, field, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function integer(value: unknown, fallback: number, min: number, max: number, file: string, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(file, field, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function constantName(value: unknown, fallback: string, file: string, field: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !CONSTANT_NAME.test(value)) throw new ConfigError(file, field, `must be a constant name like "EventBridge.APIKey", got ${JSON.stringify(value)}`);
  return value;
}

/** An HTTP header name (RFC 9110 token), stored lower case. */
function headerName(value: unknown, fallback: string, file: string, field: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/.test(value)) throw new ConfigError(file, field, 'must be an HTTP header name, e.g. x-api-key');
  return value.toLowerCase();
}
