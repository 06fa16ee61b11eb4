/** The contract between the runtime and the code that executes one activity kind (Node-side). */
import type { FlowNode } from '@flowbridge/flow-model';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** One line written by a run. */
export interface LogLine {
  time: string;
  level: LogLevel;
  nodeId: string;
  message: string;
}

/** What an activity sees while it executes. */
export interface ActivityContext {
  readonly node: FlowNode;
  /** Evaluates the node's field `name` (expressions and templates) against the current variables. */
  value(name: string): Promise<unknown>;
  /** The field's raw config value, unevaluated. */
  raw(name: string): unknown;
  /** A variable in scope, by name without `$`. */
  variable(name: string): unknown;
  log(level: LogLevel, message: string): void;
  readonly signal: AbortSignal;
  /** Services the host supplies (storage, constants, AWS client factory...), keyed by name. */
  service<T>(name: string): T;
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
