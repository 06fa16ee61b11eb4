/**
 * The state of one run shared by the flows it calls: limits (steps, deadline, cancellation), the log,
 * redaction and constants. One `Frame` per flow invocation holds its variables, loops and trace.
 */
import type { LogLevel, LogLine } from './activity-implementation.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import { EVALUATION_GUARD, type Bindings } from './expressions.js';
import { FlowError, type FlowErrorData } from './flow-error.js';
import { Redactor } from './redactor.js';
import { DEFAULT_LIMITS, type ResolvedConstant, type RunOptions, type TraceStep } from './run-types.js';

/** Error kinds that end the run whatever error paths exist. */
const LIMIT_KINDS = new Set(['StepLimitExceeded', 'Timeout', 'Cancelled']);
/** A synchronous stretch of steps yields to the event loop this often, so timers and other runs get a turn. */
const YIELD_EVERY = 2_000;

/** One invocation of a flow: its variables, loops in progress and trace. */
export interface Frame {
  flow: CompiledFlow;
  name: string;
  variables: Bindings;
  trace: TraceStep[];
  depth: number;
  loops: Array<{ loopId: string; items: readonly unknown[]; index: number }>;
}

/** State shared by a run and the flows it calls: limits, log, redaction. */
export class RunShared {
  readonly logs: LogLine[] = [];
  readonly redactor: Redactor;
  readonly extra: Bindings;
  steps = 0;
  traced = 0;
  traceTruncated = false;
  /** Created on first need (an activity reads `ctx.signal` or awaits): most steps of most runs never do. */
  private controller: AbortController | undefined;
  private readonly maxSteps: number;
  private readonly maxTraceSteps: number;
  readonly maxCallDepth: number;
  private readonly deadline: number;
  private readonly timeoutMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abortPromise: Promise<never> | undefined;
  private stopReason: 'Timeout' | 'Cancelled' | undefined;
  private unlink: (() => void) | undefined;
  private readonly outerSignal: AbortSignal | undefined;

  constructor(
    flow: CompiledFlow,
    readonly options: RunOptions,
    /** Runs a frame to its End (the interpreter; injected so Call Flow can nest runs). */
    readonly interpret: (frame: Frame, shared: RunShared) => Promise<unknown>,
  ) {
    this.redactor = new Redactor(flow.catalogue);
    this.maxSteps = positive(options.maxSteps, DEFAULT_LIMITS.maxSteps);
    this.maxTraceSteps = positive(options.maxTraceSteps, DEFAULT_LIMITS.maxTraceSteps);
    this.maxCallDepth = positive(options.maxCallDepth, DEFAULT_LIMITS.maxCallDepth);
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_LIMITS.timeoutMs);
    this.deadline = Date.now() + this.timeoutMs;
    this.extra = { constant: (name: unknown) => this.expressionConstant(name), [EVALUATION_GUARD]: () => this.guard() };
    this.outerSignal = options.signal;
    if (options.signal?.aborted) this.stop('Cancelled');
  }

  /** The run's abort signal: aborted on cancellation and on timeout. */
  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    const controller = new AbortController();
    this.controller = controller;
    if (this.stopReason) controller.abort(this.limitError(this.stopReason));
    if (Number.isFinite(this.deadline)) {
      this.timer = setTimeout(() => this.stop('Timeout'), Math.max(0, this.deadline - Date.now()));
      this.timer.unref?.();
    }
    const outer = this.options.signal;
    if (outer && !outer.aborted) {
      const onAbort = (): void => this.stop('Cancelled');
      outer.addEventListener('abort', onAbort, { once: true });
      this.unlink = () => outer.removeEventListener('abort', onAbort);
    }
    return controller.signal;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unlink?.();
  }

  private stop(reason: 'Timeout' | 'Cancelled'): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.controller?.abort(this.limitError(reason));
  }

  private limitError(reason: 'Timeout' | 'Cancelled', nodeId?: string): FlowError {
    return reason === 'Timeout'
      ? new FlowError('Timeout', `The run took longer than ${this.timeoutMs} ms and was stopped; raise timeoutMs or make the flow faster.`, nodeId)
      : new FlowError('Cancelled', 'The run was cancelled.', nodeId);
  }

  /** Creates the frame of a flow invocation, checking the parameters against their declared types. */
  frame(flow: CompiledFlow, parameters: Record<string, unknown>, depth: number, name: string): Frame {
    const given = typeof parameters === 'object' && parameters !== null ? parameters : {};
    const variables: Bindings = Object.create(null) as Bindings;
    for (const p of flow.parameterChecks) {
      const value = given[p.name];
      const problem = p.check(value);
      if (problem) throw new FlowError('InvalidParameter', `Parameter ${p.name} of flow ${name} must be ${p.type}, but it is ${problem}.`, flow.start.node.id);
      if (p.hasSecrets) this.redactor.learnTyped(value, p.type);
      variables[p.name] = value;
    }
    return { flow, name, variables, trace: [], depth, loops: [] };
  }

  /** Counts a step and enforces the limits; returns the time the step starts. */
  beginStep(node: CompiledNode, now: number = Date.now()): number | Promise<number> {
    if (++this.steps > this.maxSteps) {
      throw new FlowError('StepLimitExceeded', `The run took more than ${this.maxSteps} steps and was stopped at ${label(node)}; is there an endless loop? Raise maxSteps if the work is really this long.`, node.node.id);
    }
    if (this.outerSignal?.aborted) this.stop('Cancelled');
    if (this.stopReason) throw this.limitError(this.stopReason, node.node.id);
    if (now > this.deadline) {
      this.stop('Timeout');
      throw this.limitError('Timeout', node.node.id);
    }
    if (this.steps % YIELD_EVERY === 0) return new Promise((resolve) => setImmediate(() => resolve(Date.now())));
    return now;
  }

  private guardCalls = 0;
  /** Called by JSONata before each expression node: stops a runaway expression once the run is over time or cancelled. */
  private guard(): void {
    if ((++this.guardCalls & 255) !== 0 && !this.stopReason) return;
    if (this.options.signal?.aborted) this.stop('Cancelled');
    if (!this.stopReason && Date.now() > this.deadline) this.stop('Timeout');
    if (this.stopReason) throw this.limitError(this.stopReason);
  }

  /** Waits for an activity, but no longer than the run may go on. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (!this.abortPromise) {
      const signal = this.signal;
      this.abortPromise = new Promise<never>((_, reject) => {
        const fire = (): void => reject(this.limitError(this.stopReason ?? 'Cancelled'));
        if (signal.aborted) fire();
        else signal.addEventListener('abort', fire, { once: true });
      });
      this.abortPromise.catch(() => undefined);
    }
    return Promise.race([promise, this.abortPromise]);
  }

  record(frame: Frame, step: TraceStep): void {
    if (this.traced >= this.maxTraceSteps) {
      this.traceTruncated = true;
      return;
    }
    this.traced++;
    frame.trace.push(step);
    if (frame.depth === 0 && this.options.onStep) {
      try {
        this.options.onStep(step);
      } catch {
        // A listener's failure must not change the run's outcome.
      }
    }
  }

  log(frame: Frame, nodeId: string, level: LogLevel, message: string): void {
    const line: LogLine = { time: isoTime(Date.now()), level, nodeId, message: this.redactor.text(String(message)), ...(frame.depth > 0 ? { flow: frame.name } : {}) };
    this.logs.push(line);
    if (this.options.onLog) {
      try {
        this.options.onLog(line);
      } catch {
        // A listener's failure must not change the run's outcome.
      }
    }
  }

  /** A constant for a `constant` field; secret values are remembered so they are masked everywhere. */
  constant(name: string, nodeId: string): unknown {
    const resolved = this.resolveConstant(name, nodeId);
    if (resolved.secret) this.redactor.learnSecret(resolved.value);
    return resolved.value;
  }

  private resolveConstant(name: string, nodeId?: string): ResolvedConstant {
    const resolved = this.options.constants?.(name);
    if (!resolved) throw new FlowError('ConstantNotFound', `Constant ${name} is not defined; define it in the constants settings (or its environment variable).`, nodeId);
    return resolved;
  }

  /** `$constant('Module.Name')` in expressions: non-secret constants only. */
  private expressionConstant(name: unknown): unknown {
    if (typeof name !== 'string') throw new FlowError('ConstantNotFound', '$constant takes a constant name in quotes, e.g. $constant(\'Orders.ApiUrl\').');
    const resolved = this.resolveConstant(name);
    if (resolved.secret) {
      throw new FlowError('SecretConstantInExpression', `Constant ${name} is secret and cannot be read in an expression; pass it to a field that takes a constant.`);
    }
    return resolved.value;
  }

  /** An error as the run shows it: secrets masked. */
  showError(error: FlowError): FlowErrorData {
    const data = error.toData();
    return { ...data, message: this.redactor.mask(data.message), ...(data.details !== undefined ? { details: this.redactor.full(data.details) } : {}) };
  }

  /** The limit error when the run has been stopped (whatever an aborted activity threw itself), else undefined. */
  stoppedError(nodeId: string): FlowError | undefined {
    return this.stopReason ? this.limitError(this.stopReason, nodeId) : undefined;
  }

  isLimit(error: FlowError): boolean {
    return LIMIT_KINDS.has(error.kind);
  }
}

let lastMs = -1;
let lastIso = '';
/** ISO time of a millisecond timestamp; consecutive steps mostly share one, so the last is cached. */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

export function label(node: CompiledNode): string {
  return `"${node.node.label ?? node.definition.label}"`;
}
