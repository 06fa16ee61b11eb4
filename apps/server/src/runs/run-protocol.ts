/**
 * The messages between the server's main thread and a run worker (plain data, structured-cloned).
 * The main thread owns storage, live events and services; a worker owns only the runs it executes.
 */
import type { Catalogue, FlowDocument } from '@flowbridge/flow-model';
import type { Breakpoint, DebugCommand, DebugEvent, LogLine, PauseTimeoutAction, ResolvedConstant, RunResult, TraceStep } from '@flowbridge/runtime';

/** The flows a worker can run and call, at one workspace version; sent once per version per worker. */
export interface WorkspaceData {
  version: number;
  documents: Map<string, FlowDocument>;
  flows: NonNullable<Catalogue['flows']>;
  constants: NonNullable<Catalogue['constants']>;
}

/** The constant values at one version of the constants store; sent once per version per worker. */
export interface ConstantsData {
  version: number;
  values: Map<string, ResolvedConstant>;
}

/** The host services as a worker rebuilds them: plain data copied, objects of methods proxied back. */
export interface ServicesData {
  plain: Record<string, unknown>;
  /** Service name → its method names; each call goes to the main thread (`rpc`). */
  proxied: Record<string, string[]>;
}

/** Limits the runtime enforces inside the worker. */
export interface JobLimits {
  timeoutMs: number;
  maxSteps: number;
  maxCallDepth: number;
  maxTraceSteps: number;
  maxTraceBytes: number;
}

/** How a run under the debugger starts: its breakpoints and the bounds of a pause. */
export interface DebugStartOptions {
  breakpoints: Breakpoint[];
  pauseTimeoutMs: number;
  onPauseTimeout: PauseTimeoutAction;
}

export interface StartMessage {
  type: 'start';
  runId: string;
  /** The run's slot in the worker's shared progress array (the node it is executing). */
  slot: number;
  flow: string;
  /** An ad-hoc flow (an expression preview) run instead of the workspace flow `flow`; compiled for this run only. */
  document?: FlowDocument;
  parameters: Record<string, unknown>;
  limits: JobLimits;
  /** Present in a worker's first run only: the host services never change while the server runs. */
  services?: ServicesData;
  /** Present when the worker has not seen this workspace version yet. */
  workspace?: WorkspaceData;
  workspaceVersion: number;
  constants?: ConstantsData;
  constantsVersion: number;
  /** Present for a run under the debugger. */
  debug?: DebugStartOptions;
  /** A succeeded run sends back a compact trace (`compact-trace.ts`): less to copy between processes and to store. */
  compactTraceOnSuccess?: boolean;
}

export type ToWorker =
  | StartMessage
  | { type: 'cancel'; runId: string }
  | { type: 'debug'; runId: string; command: DebugCommand }
  | { type: 'rpc-result'; id: number; ok: true; value: unknown }
  | { type: 'rpc-result'; id: number; ok: false; error: { name: string; message: string } };

/** A node a worker has compiled, by the number it writes to the progress array while the node runs. */
export interface NodeName {
  id: number;
  flow: string;
  nodeId: string;
  kind: string;
  label?: string;
}

export type RunEvent = { runId: string; step: TraceStep } | { runId: string; log: LogLine };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'nodes'; nodes: NodeName[] }
  /** Live steps and log lines, batched: at most one message per turn of the worker's event loop. */
  | { type: 'events'; events: RunEvent[] }
  | { type: 'done'; runId: string; result: RunResult }
  /** A run under the debugger paused or resumed. */
  | { type: 'debug'; runId: string; event: DebugEvent }
  | { type: 'rpc'; id: number; service: string; method: string; args: unknown[] };

/** The value a progress slot holds when its run is between steps or has none. */
export const NO_NODE = -1;
