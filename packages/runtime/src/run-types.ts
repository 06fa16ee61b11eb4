/** The public shapes of a run: its options, its result and the trace the editor replays. */
import type { LogLine } from './activity-implementation.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import type { DebugHook } from './debug-hook.js';
import type { FlowErrorData } from './flow-error.js';

/** One executed step, as the editor replays it on the canvas. Values are bounded and redacted. */
export interface TraceStep {
  nodeId: string;
  kind: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** The evaluated field values the activity read. */
  inputs?: Record<string, unknown>;
  output?: unknown;
  /** The port followed out of this node (absent for End, Error End, Break and Continue). */
  port?: string;
  /** The edge followed out of this node, when there is one. */
  edgeId?: string;
  error?: FlowErrorData;
  /** For Call Flow: the called flow's own trace. */
  call?: { flow: string; trace: TraceStep[] };
  /** Loops that ended before this step and whose later iterations were counted instead of recorded. */
  omitted?: OmittedIterations[];
}

/** Iterations of a loop that the trace counts instead of recording step by step. */
export interface OmittedIterations {
  loopId: string;
  iterations: number;
  steps: number;
}

export interface RunResult {
  status: 'succeeded' | 'failed';
  result?: unknown;
  error?: FlowErrorData;
  logs: LogLine[];
  trace: TraceStep[];
  /** Steps executed, called flows included. */
  steps?: number;
  /** True when the trace stopped recording at `maxTraceSteps` or `maxTraceBytes`. */
  traceTruncated?: boolean;
  /** Steps not in the trace: past its limits or in loop iterations counted instead of recorded. */
  omittedSteps?: number;
  /** Log lines dropped because the run's record reached `maxTraceBytes`. */
  omittedLogLines?: number;
}

/** A constant as the host resolves it; secret values are redacted wherever the run shows them. */
export interface ResolvedConstant {
  value: unknown;
  secret: boolean;
}

export interface RunOptions {
  /** Maximum steps, called flows included, before the run fails with StepLimitExceeded. */
  maxSteps?: number;
  /** Wall-clock limit in milliseconds before the run fails with Timeout. */
  timeoutMs?: number;
  /** Maximum nesting of Call Flow before it fails with CallDepthExceeded. */
  maxCallDepth?: number;
  /** Steps recorded in the trace before it stops recording (the run goes on). */
  maxTraceSteps?: number;
  /** Bytes (approximate JSON) the trace and log of a run may take together; past it values are cut and steps counted, not kept. */
  maxTraceBytes?: number;
  /** Aborting it ends the run with Cancelled; activities see it as `ctx.signal`. */
  signal?: AbortSignal;
  /** Services the host supplies to activities (`ctx.service(name)`). */
  services?: Readonly<Record<string, unknown>>;
  /** Called for every log line as it is written (live streaming); already redacted. */
  onLog?: (line: LogLine) => void;
  /** Called for every step of the flow that was run as it completes; already redacted. */
  onStep?: (step: TraceStep) => void;
  /**
   * Called as each step begins, called flows included, before the activity runs: a host that must
   * name the node a run is stuck in (a watchdog outside the run's thread) records it here cheaply.
   */
  onStepStart?: (node: CompiledNode) => void;
  /** The compiled flows Call Flow may call, by name. */
  flows?: (name: string) => CompiledFlow | undefined;
  /** Resolves constants for `constant` fields and `$constant('Module.Name')`. */
  constants?: (name: string) => ResolvedConstant | undefined;
  /**
   * A debugger: asked before every node (called flows included) and awaited, so it can hold the run
   * paused. The run's time limit does not count while it is paused. Absent, it costs nothing.
   */
  debug?: DebugHook;
}

export const DEFAULT_LIMITS = { maxSteps: 100_000, timeoutMs: 60_000, maxCallDepth: 20, maxTraceSteps: 10_000, maxTraceBytes: 4 * 1024 * 1024 } as const;
