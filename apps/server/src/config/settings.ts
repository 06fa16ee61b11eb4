/**
 * `settings.json` of the workspace: what runs after start-up, the event endpoint's options, and run
 * retention. Every field is optional; an unknown or malformed field stops start-up naming the field.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFlowName, checkLimits, DEFAULT_RUN_LIMITS, type RunLimits } from '@flowbridge/flow-model';
import { ConfigError } from './config-error.js';
import { DEFAULT_DISPATCH_CONCURRENCY } from '../event-pipeline/dispatcher.js';

/** Options the event endpoint (connector-eventbridge) reads when the server mounts it. */
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
  /**
   * What a succeeded callback run keeps of its trace: `compact` keeps each step's node, kind, timing
   * and port (what the Runs dock needs) and drops inputs and outputs; `full` keeps everything. A
   * failed callback always keeps its full trace.
   */
  callbackTrace: CallbackTrace;
  /** Callback runs the dispatcher keeps in progress at once; runs beyond the run workers' slots wait in the pool's queue. */
  dispatchConcurrency: number;
}

/** What a succeeded event callback run keeps of its trace (see `EventEndpointSettings.callbackTrace`). */
export type CallbackTrace = 'compact' | 'full';

/** How long finished runs are kept. */
export interface RunRetentionSettings {
  /** Runs that ended more than this many days ago are deleted (0 keeps them forever). */
  maxAgeDays: number;
  /** At most this many runs are kept, newest first (0 for no limit). */
  maxRuns: number;
}

/** The worker threads runs execute in (each with the heap limit `limits.heapMb`). */
export interface RunWorkerSettings {
  /** Worker threads per heap size; 0 runs flows in the server's own thread (no time or memory isolation). */
  count: number;
  /** Runs one worker hosts at once; they share its heap and fail together (Interrupted) if it is stopped. */
  runsPerWorker: number;
  /** How long past a run's time limit a worker whose event loop is blocked is given before it is terminated. */
  graceMs: number;
  /** Runs waiting for a free worker before further runs fail with Overloaded. */
  maxQueued: number;
  /**
   * `process` (default): each worker thread lives in its own child process, so a run that makes V8 abort
   * (a value far past its heap) ends only that process; `thread`: workers are threads of the server.
   */
  isolation: 'process' | 'thread';
}

/** The debugger (always off in production mode). */
export interface DebuggerSettings {
  /** False turns the debugger off (its routes answer 403). */
  enabled: boolean;
  /** How long a run stays paused before `onPauseTimeout` acts, so a forgotten debugger never wedges a run. */
  pauseTimeoutSeconds: number;
  /** `continue`: the run goes on and the debugger lets go of it; `stop`: the run ends as Stopped. */
  onPauseTimeout: 'continue' | 'stop';
  /** How long an arm (debug the flow's next event callback) lasts unless the request says otherwise. */
  armSeconds: number;
  /** Debug runs at once (each has a worker of its own). */
  maxSessions: number;
}

export interface WorkspaceSettings {
  /** Flows run once, in order, each time the server starts (Mendix's after-startup microflow). */
  afterStartupFlows: string[];
  eventEndpoint: EventEndpointSettings;
  runs: RunRetentionSettings;
  /** Every run's limits; a flow's own `limits` override them. */
  limits: RunLimits;
  workers: RunWorkerSettings;
  debugger: DebuggerSettings;
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
    callbackTrace: 'compact',
    dispatchConcurrency: DEFAULT_DISPATCH_CONCURRENCY,
  },
  runs: { maxAgeDays: 30, maxRuns: 10_000 },
  limits: DEFAULT_RUN_LIMITS,
  workers: { count: 2, runsPerWorker: 8, graceMs: 1_000, maxQueued: 10_000, isolation: 'process' },
  debugger: { enabled: true, pauseTimeoutSeconds: 300, onPauseTimeout: 'continue', armSeconds: 600, maxSessions: 4 },
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
  only(root, ['$schema', 'afterStartupFlows', 'eventEndpoint', 'runs', 'limits', 'workers', 'debugger'], file, undefined);
  const settings = structuredClone(DEFAULT_SETTINGS);

  if (root.afterStartupFlows !== undefined) {
    if (!Array.isArray(root.afterStartupFlows)) throw new ConfigError(file, 'afterStartupFlows', 'must be a list of flow names, e.g. ["ASU_System"]');
    if (root.afterStartupFlows.length > MAX_AFTER_STARTUP_FLOWS) throw new ConfigError(file, 'afterStartupFlows', `lists ${root.afterStartupFlows.length} flows; at most ${MAX_AFTER_STARTUP_FLOWS} run after start-up (call further flows from one of them)`);
    if (new Set(root.afterStartupFlows).size !== root.afterStartupFlows.length) throw new ConfigError(file, 'afterStartupFlows', 'lists a flow twice; each runs once per start');
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
      callbackTrace: oneOf(endpoint.callbackTrace, defaults.callbackTrace, ['compact', 'full'], file, 'eventEndpoint.callbackTrace'),
      dispatchConcurrency: integer(endpoint.dispatchConcurrency, defaults.dispatchConcurrency, 1, 1024, file, 'eventEndpoint.dispatchConcurrency'),
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

  if (root.limits !== undefined) {
    const { limits, problems } = checkLimits(root.limits, 'limits');
    const first = problems[0];
    if (first) throw new ConfigError(file, first.path, first.message.slice(first.path.length + 1).replace(/\.$/, ''));
    settings.limits = { ...settings.limits, ...limits };
  }

  if (root.workers !== undefined) {
    const workers = object(root.workers, file, 'workers');
    const defaults = DEFAULT_SETTINGS.workers;
    only(workers, Object.keys(defaults), file, 'workers');
    settings.workers = {
      count: integer(workers.count, defaults.count, 0, 64, file, 'workers.count'),
      runsPerWorker: integer(workers.runsPerWorker, defaults.runsPerWorker, 1, 256, file, 'workers.runsPerWorker'),
      graceMs: integer(workers.graceMs, defaults.graceMs, 100, 600_000, file, 'workers.graceMs'),
      maxQueued: integer(workers.maxQueued, defaults.maxQueued, 0, 1_000_000, file, 'workers.maxQueued'),
      isolation: oneOf(workers.isolation, defaults.isolation, ['process', 'thread'] as const, file, 'workers.isolation'),
    };
  }
  if (root.debugger !== undefined) {
    const debug = object(root.debugger, file, 'debugger');
    const defaults = DEFAULT_SETTINGS.debugger;
    only(debug, Object.keys(defaults), file, 'debugger');
    const action = debug.onPauseTimeout;
    if (action !== undefined && action !== 'continue' && action !== 'stop') throw new ConfigError(file, 'debugger.onPauseTimeout', `must be "continue" or "stop", got ${JSON.stringify(action)}`);
    settings.debugger = {
      enabled: boolean(debug.enabled, defaults.enabled, file, 'debugger.enabled'),
      pauseTimeoutSeconds: integer(debug.pauseTimeoutSeconds, defaults.pauseTimeoutSeconds, 1, 86_400, file, 'debugger.pauseTimeoutSeconds'),
      onPauseTimeout: action ?? defaults.onPauseTimeout,
      armSeconds: integer(debug.armSeconds, defaults.armSeconds, 10, 86_400, file, 'debugger.armSeconds'),
      maxSessions: integer(debug.maxSessions, defaults.maxSessions, 1, 64, file, 'debugger.maxSessions'),
    };
  }
  return settings;
}

/** Most after-startup flows a workspace lists (start-up runs them one after another). */
export const MAX_AFTER_STARTUP_FLOWS = 100;

/** A constant name `Module.Name` (letters, digits, `_`; one dot). */
export const CONSTANT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function oneOf<T extends string>(value: unknown, fallback: T, allowed: readonly T[], file: string, field: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(file, field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${JSON.stringify(value)?.slice(0, 60)}`);
}

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
