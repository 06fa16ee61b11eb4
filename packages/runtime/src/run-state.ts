/**
 * The state of one run shared by the flows it calls: limits (steps, deadline, cancellation), the log,
 * redaction and constants. One `Frame` per flow invocation holds its variables, loops and trace.
 */
import { howToRaise } from '@flowbridge/flow-model';
import type { LogLevel, LogLine } from './activity-implementation.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import { EVALUATION_GUARD, type Bindings } from './expressions.js';
import { FlowError, type FlowErrorData } from './flow-error.js';
import { Redactor } from './redactor.js';
import { RunDebugger } from './debug-hook.js';
import { DEFAULT_LIMITS, type OmittedIterations, type ResolvedConstant, type RunOptions, type RunResult, type TraceStep } from './run-types.js';
import { TRACE_LIMITS, TraceBudget } from './trace-budget.js';

/** Error kinds that end the run whatever error paths exist. */
const LIMIT_KINDS = new Set(['StepLimitExceeded', 'Timeout', 'Cancelled', 'Stopped']);
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
  /** Loop iterations counted instead of recorded, waiting for the next recorded step. */
  omitted?: OmittedIterations[];
  /** For a called flow: the caller's frame and its Call Flow node (a debugger shows the call stack). */
  caller?: { frame: Frame; nodeId: string };
}

/** State shared by a run and the flows it calls: limits, log, redaction. */
export class RunShared {
  readonly logs: LogLine[] = [];
  readonly redactor: Redactor;
  readonly budget: TraceBudget;
  readonly extra: Bindings;
  steps = 0;
  traced = 0;
  traceTruncated = false;
  /** Created on first need (an activity reads `ctx.signal` or awaits): most steps of most runs never do. */
  private controller: AbortController | undefined;
  private readonly maxSteps: number;
  private readonly maxTraceSteps: number;
  readonly maxCallDepth: number;
  private deadline: number;
  private readonly timeoutMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abortPromise: Promise<never> | undefined;
  private stopReason: 'Timeout' | 'Cancelled' | undefined;
  private unlink: (() => void) | undefined;
  private readonly outerSignal: AbortSignal | undefined;
  private readonly onStepStart: ((node: CompiledNode) => void) | undefined;
  /** Present only when a debugger is attached; the interpreter checks it once per step. */
  readonly debugger: RunDebugger | undefined;

  constructor(
    flow: CompiledFlow,
    readonly options: RunOptions,
    /** Runs a frame to its End (the interpreter; injected so Call Flow can nest runs). */
    readonly interpret: (frame: Frame, shared: RunShared) => Promise<unknown>,
  ) {
    this.budget = new TraceBudget(positive(options.maxTraceBytes, DEFAULT_LIMITS.maxTraceBytes));
    this.redactor = new Redactor(flow.catalogue, this.budget);
    this.maxSteps = positive(options.maxSteps, DEFAULT_LIMITS.maxSteps);
    this.maxTraceSteps = positive(options.maxTraceSteps, DEFAULT_LIMITS.maxTraceSteps);
    this.maxCallDepth = positive(options.maxCallDepth, DEFAULT_LIMITS.maxCallDepth);
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_LIMITS.timeoutMs);
    this.deadline = Date.now() + this.timeoutMs;
    this.extra = { constant: (name: unknown) => this.expressionConstant(name), [EVALUATION_GUARD]: () => this.guard() };
    this.outerSignal = options.signal;
    this.onStepStart = options.onStepStart;
    this.debugger = options.debug ? new RunDebugger(options.debug, this) : undefined;
    if (options.signal?.aborted) this.stop('Cancelled');
  }

  /** The run's abort signal: aborted on cancellation and on timeout. */
  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    const controller = new AbortController();
    this.controller = controller;
    if (this.stopReason) controller.abort(this.limitError(this.stopReason));
    this.armTimer();
    const outer = this.options.signal;
    if (outer && !outer.aborted) {
      const onAbort = (): void => this.stop('Cancelled');
      outer.addEventListener('abort', onAbort, { once: true });
      this.unlink = () => outer.removeEventListener('abort', onAbort);
    }
    return controller.signal;
  }

  private armTimer(): void {
    if (!Number.isFinite(this.deadline) || this.stopReason) return;
    this.timer = setTimeout(() => this.stop('Timeout'), Math.max(0, this.deadline - Date.now()));
    this.timer.unref?.();
  }

  /**
   * Stops the run's clock while a debugger holds the run paused, so the time spent looking at it does
   * not count against its time limit; answers the function that restarts the clock.
   */
  holdClock(): () => void {
    const since = Date.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return () => {
      this.deadline += Date.now() - since;
      if (this.controller) this.armTimer();
    };
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
      ? new FlowError('Timeout', `The run took longer than ${this.timeoutMs} ms and was stopped; ${howToRaise('runTimeMs')}, or make the flow faster.`, nodeId)
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
      throw new FlowError('StepLimitExceeded', `The run took more than ${this.maxSteps} steps and was stopped at ${label(node)}; is there an endless loop? If the work is really this long, ${howToRaise('maxSteps')}.`, node.node.id);
    }
    if (this.outerSignal?.aborted) this.stop('Cancelled');
    if (this.onStepStart) this.onStepStart(node);
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

  /** Keeps a step in the trace unless a trace limit or loop compaction says to count it instead. */
  record(frame: Frame, step: TraceStep): void {
    if (this.compacted(frame, step)) {
      this.budget.refund();
      return;
    }
    if (frame.omitted?.length) {
      step.omitted = frame.omitted;
      frame.omitted = undefined;
    }
    if (step.error) step.error = this.boundedError(step.error);
    if (this.traced >= this.maxTraceSteps || !this.budget.take(TRACE_LIMITS.stepBytes + step.nodeId.length + step.kind.length)) {
      this.traceTruncated = true;
      this.budget.omittedSteps++;
      this.budget.refund();
      return;
    }
    this.budget.settle();
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

  /** Counts the step instead of recording it when it is in a loop iteration past the first few (the outermost such loop). */
  private compacted(frame: Frame, step: TraceStep): boolean {
    // A failing step is always kept: it is the one the author needs to see. Most steps are in no loop.
    if (step.error || frame.loops.length === 0) return false;
    let loop: Frame['loops'][number] | undefined;
    for (const l of frame.loops) {
      if (l.index >= TRACE_LIMITS.loopIterationsInFull) {
        loop = l;
        break;
      }
    }
    if (!loop) return false;
    const omitted = (frame.omitted ??= []);
    let entry = omitted.find((o) => o.loopId === loop.loopId);
    if (!entry) omitted.push((entry = { loopId: loop.loopId, iterations: 0, steps: 0 }));
    if (step.nodeId === loop.loopId) entry.iterations++;
    entry.steps++;
    this.budget.omittedSteps++;
    return true;
  }

  /** An error as a step shows it: message and details cut to the budget like any value. */
  private boundedError(error: FlowErrorData): FlowErrorData {
    const message = this.redactor.snapshot(error.message);
    return { ...error, message: typeof message === 'string' ? message : error.message, ...(error.details !== undefined ? { details: this.redactor.snapshot(error.details) } : {}) };
  }

  /** What the run result says about steps and log lines its record does not hold. */
  traceSummary(): Pick<RunResult, 'traceTruncated' | 'omittedSteps' | 'omittedLogLines'> {
    return {
      ...(this.traceTruncated ? { traceTruncated: true } : {}),
      ...(this.budget.omittedSteps > 0 ? { omittedSteps: this.budget.omittedSteps } : {}),
      ...(this.budget.omittedLogLines > 0 ? { omittedLogLines: this.budget.omittedLogLines } : {}),
    };
  }

  log(frame: Frame, nodeId: string, level: LogLevel, message: string): void {
    const text = this.redactor.text(String(message));
    // A log line draws on the same budget as the trace (up to half of it): past it, lines are counted, not kept.
    if (!this.budget.takeLog(TRACE_LIMITS.stepBytes + text.length)) {
      this.budget.omittedLogLines++;
      return;
    }
    const line: LogLine = { time: isoTime(Date.now()), level, nodeId, message: text, ...(frame.depth > 0 ? { flow: frame.name } : {}) };
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
