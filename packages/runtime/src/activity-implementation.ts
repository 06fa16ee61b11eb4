/** The contract between the runtime and the code that executes one activity kind (Node-side). */
import type { FlowNode } from '@flowbridge/flow-model';
import type { FlowErrorData } from './flow-error.js';
import type { ServiceKey } from './service-key.js';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** One line written by a run. */
export interface LogLine {
  time: string;
  level: LogLevel;
  nodeId: string;
  message: string;
  /** The flow that wrote it, when a called flow did (absent for the flow that was run). */
  flow?: string;
}

/** What an activity sees while it executes. */
export interface ActivityContext {
  readonly node: FlowNode;
  /**
   * Evaluates the node's field `name` against the current variables: expressions and templates are
   * evaluated, a `constant` field yields the constant's value (secret ones included: they are redacted
   * in traces, never hidden from the activity), a `parameter-map` an object and a `table` a list of rows
   * with their expression cells evaluated; other fields yield their configured value.
   */
  value(name: string): Promise<unknown>;
  /** The field's raw config value, unevaluated. */
  raw(name: string): unknown;
  /** A variable in scope, by name without `$`. */
  variable(name: string): unknown;
  log(level: LogLevel, message: string): void;
  readonly signal: AbortSignal;
  /** A service the host supplies (storage, endpoint URL...); fails with MissingService when the host supplies none. */
  service<T>(key: ServiceKey<T>): T;
}

/** What an activity returns: a value for its output variable and, for branching activities, the port taken. */
export interface ActivityResult {
  output?: unknown;
  port?: string;
}

/** Executes one activity kind; registered where it runs (never bundled into the editor). */
export interface ActivityImplementation {
  kind: string;
  execute(context: ActivityContext): Promise<ActivityResult> | ActivityResult;
}

/**
 * What core activities see in addition: synchronous evaluation when possible (the fast path of
 * Create/Change Variable) and calling another flow. Only the runtime's own activities use it.
 */
export interface CoreActivityContext extends ActivityContext {
  /** Like `value`, but answers synchronously when no JSONata evaluation is needed. */
  valueNow(name: string): unknown;
  /** Runs another flow with parameters as a nested call and answers its return value. */
  callFlow(name: string, parameters: Record<string, unknown>): Promise<unknown>;
  /** The error an error path handles, if any. */
  latestError(): FlowErrorData | undefined;
}
