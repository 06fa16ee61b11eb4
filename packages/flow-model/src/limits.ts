/**
 * Every limit a run (and, later, a flow document) is held to, in one place: its default, the range a
 * setting may take, and what it bounds. The server's `settings.json` (`limits`) sets them for every
 * run; a flow document's optional `limits` overrides the run-time ones for runs it starts. The editor,
 * the server's settings validation and docs/limits.md all read this table.
 */

/** One limit: its default, allowed range, unit and what it bounds. */
export interface LimitSpec {
  default: number;
  min: number;
  max: number;
  unit: string;
  /** What the limit bounds, as a user reads it. */
  description: string;
  /** True when a flow document may override it (`limits` in the flow file). */
  perFlow: boolean;
}

/** The limits of a run. Call Flow runs under the limits of the flow that started the run. */
export const RUN_LIMITS = {
  runTimeMs: {
    default: 60_000,
    min: 50,
    max: 86_400_000,
    unit: 'ms',
    description: 'wall-clock time of one run, called flows included; past it the run fails with Timeout (or RunTimeLimitExceeded when an expression would not stop)',
    perFlow: true,
  },
  maxSteps: { default: 100_000, min: 1, max: 100_000_000, unit: 'steps', description: 'steps of one run, called flows included; past it the run fails with StepLimitExceeded', perFlow: true },
  maxCallDepth: { default: 20, min: 1, max: 1_000, unit: 'calls', description: 'nesting of Call Flow; past it the call fails with CallDepthExceeded', perFlow: true },
  heapMb: {
    default: 256,
    min: 16,
    max: 16_384,
    unit: 'MB',
    description: 'JavaScript heap of the worker thread a run executes in; a run that exhausts it fails with RunMemoryLimitExceeded',
    perFlow: true,
  },
  maxTraceSteps: { default: 10_000, min: 0, max: 1_000_000, unit: 'steps', description: 'steps recorded in the trace; the run goes on, the trace is marked truncated', perFlow: true },
  maxTraceBytes: {
    default: 4_194_304,
    min: 65_536,
    max: 268_435_456,
    unit: 'bytes',
    description: 'bytes (JSON) the trace and the log of one run take together; values are cut and further steps counted, the run goes on; the stored record is at most twice this',
    perFlow: true,
  },
} as const satisfies Record<string, LimitSpec>;

export type RunLimitName = keyof typeof RUN_LIMITS;

/** Every run limit with a value. */
export type RunLimits = { [K in RunLimitName]: number };

/** A flow document's overrides (`limits` in the flow file); every field optional. */
export interface FlowLimits {
  runTimeMs?: number;
  maxSteps?: number;
  maxCallDepth?: number;
  heapMb?: number;
  maxTraceSteps?: number;
  maxTraceBytes?: number;
}

/** The built-in defaults of every run limit. */
export const DEFAULT_RUN_LIMITS: RunLimits = Object.fromEntries(Object.entries(RUN_LIMITS).map(([name, spec]) => [name, spec.default])) as RunLimits;

/** The names of the run limits, in table order. */
export const RUN_LIMIT_NAMES = Object.keys(RUN_LIMITS) as RunLimitName[];

/** A problem with one limit value: the path of the field and what to do. */
export interface LimitProblem {
  path: string;
  message: string;
}

/**
 * Checks a `limits` object (from settings.json or a flow document): known names only, whole numbers in
 * range. `where` prefixes problem paths (e.g. `limits`).
 */
export function checkLimits(raw: unknown, where: string): { limits: Partial<RunLimits>; problems: LimitProblem[] } {
  const limits: Partial<RunLimits> = {};
  const problems: LimitProblem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { limits, problems: [{ path: where, message: `${where} must be an object of limits, e.g. { "runTimeMs": 30000 }.` }] };
  }
  for (const [name, value] of Object.entries(raw)) {
    const spec = (RUN_LIMITS as Record<string, LimitSpec>)[name];
    const path = `${where}.${name}`;
    if (!spec) {
      problems.push({ path, message: `${path} is not a limit; known limits are ${RUN_LIMIT_NAMES.join(', ')}.` });
      continue;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
      problems.push({ path, message: `${path} must be a whole number of ${spec.unit} from ${spec.min} to ${spec.max}, got ${JSON.stringify(value)}.` });
      continue;
    }
    limits[name as RunLimitName] = value;
  }
  return { limits, problems };
}

/** The limits a run of a flow gets: the server's, overridden by the flow's own. */
export function effectiveLimits(server: RunLimits, flow: FlowLimits | undefined): RunLimits {
  if (!flow) return server;
  const out = { ...server };
  for (const name of RUN_LIMIT_NAMES) {
    const value = flow[name];
    if (typeof value === 'number') out[name] = value;
  }
  return out;
}

/** How a user raises a limit, for error messages: the flow setting and the server setting. */
export function howToRaise(name: RunLimitName, flow?: string): string {
  const inFlow = flow ? `"limits": { "${name}": ... } in flow ${flow}` : `"limits": { "${name}": ... } in the flow`;
  return `raise it with ${inFlow} or limits.${name} in the workspace settings.json`;
}
