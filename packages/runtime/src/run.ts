/**
 * `run`: executes one run of a compiled flow, producing its result, log and trace. Runs are
 * independent: each has its own variables, limits and trace, so many may interleave.
 *
 * Control flow (loops, Break/Continue, error paths, Call Flow, End) lives here; what each activity
 * does lives in its implementation. Limits — step budget, wall-clock timeout, cancellation — end the
 * run and are never routed to error paths, so an error handler cannot keep an endless loop alive.
 */
import { LATEST_ERROR } from '@flowbridge/flow-model';
import type { ActivityResult, CoreActivityContext, LogLevel, LogLine } from './activity-implementation.js';
import { LOOP_BODY, LOOP_DONE, type CompiledFlow, type CompiledNode, type EvaluationScope } from './compile.js';
import { EVALUATION_GUARD, type Bindings } from './expressions.js';
import { FlowError, toFlowError, type FlowErrorData } from './flow-error.js';
import { Redactor } from './redactor.js';
import { describeValue } from './value-types.js';

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
}

export interface RunResult {
  status: 'succeeded' | 'failed';
  result?: unknown;
  error?: FlowErrorData;
  logs: LogLine[];
  trace: TraceStep[];
  /** Steps executed, called flows included. */
  steps?: number;
  /** True when the trace stopped recording at `maxTraceSteps`. */
  traceTruncated?: boolean;
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
  /** Aborting it ends the run with Cancelled; activities see it as `ctx.signal`. */
  signal?: AbortSignal;
  /** Services the host supplies to activities (`ctx.service(name)`). */
  services?: Readonly<Record<string, unknown>>;
  /** Called for every log line as it is written (live streaming); already redacted. */
  onLog?: (line: LogLine) => void;
  /** Called for every step of the flow that was run as it completes; already redacted. */
  onStep?: (step: TraceStep) => void;
  /** The compiled flows Call Flow may call, by name. */
  flows?: (name: string) => CompiledFlow | undefined;
  /** Resolves constants for `constant` fields and `$constant('Module.Name')`. */
  constants?: (name: string) => ResolvedConstant | undefined;
}

export const DEFAULT_LIMITS = { maxSteps: 10_000, timeoutMs: 60_000, maxCallDepth: 20, maxTraceSteps: 10_000 } as const;

/** Error kinds that end the run whatever error paths exist. */
const LIMIT_KINDS = new Set(['StepLimitExceeded', 'Timeout', 'Cancelled']);
/** A synchronous stretch of steps yields to the event loop this often, so timers and other runs get a turn. */
const YIELD_EVERY = 2_000;

/** Executes `flow` with `parameters` bound as variables. Never throws: failures are in the result. */
export async function run(flow: CompiledFlow, parameters: Record<string, unknown>, options: RunOptions = {}): Promise<RunResult> {
  let shared: RunShared | undefined;
  let frame: Frame | undefined;
  try {
    shared = new RunShared(flow, options ?? {});
    frame = shared.frame(flow, parameters, 0, flow.document.name);
    const result = await interpret(frame, shared);
    return {
      status: 'succeeded',
      ...(result !== undefined ? { result: shared.redactor.full(result, flow.document.returnType) } : {}),
      logs: shared.logs,
      trace: frame.trace,
      steps: shared.steps,
      ...(shared.traceTruncated ? { traceTruncated: true } : {}),
    };
  } catch (thrown) {
    const error = thrown instanceof FlowError ? thrown : toFlowError(thrown, frame?.flow.start.node.id ?? '', 'run');
    return {
      status: 'failed',
      error: shared ? shared.showError(error) : error.toData(),
      logs: shared?.logs ?? [],
      trace: frame?.trace ?? [],
      steps: shared?.steps ?? 0,
      ...(shared?.traceTruncated ? { traceTruncated: true } : {}),
    };
  } finally {
    shared?.dispose();
  }
}

/** One invocation of a flow: its variables, loops in progress and trace. */
interface Frame {
  flow: CompiledFlow;
  name: string;
  variables: Bindings;
  trace: TraceStep[];
  depth: number;
  loops: Array<{ loopId: string; items: readonly unknown[]; index: number }>;
}

/** State shared by a run and the flows it calls: limits, log, redaction. */
class RunShared {
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

  constructor(
    flow: CompiledFlow,
    readonly options: RunOptions,
  ) {
    this.redactor = new Redactor(flow.catalogue);
    this.maxSteps = positive(options.maxSteps, DEFAULT_LIMITS.maxSteps);
    this.maxTraceSteps = positive(options.maxTraceSteps, DEFAULT_LIMITS.maxTraceSteps);
    this.maxCallDepth = positive(options.maxCallDepth, DEFAULT_LIMITS.maxCallDepth);
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_LIMITS.timeoutMs);
    this.deadline = Date.now() + this.timeoutMs;
    this.extra = { constant: (name: unknown) => this.expressionConstant(name), [EVALUATION_GUARD]: () => this.guard() };
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
  beginStep(node: CompiledNode): number | Promise<number> {
    const now = Date.now();
    if (++this.steps > this.maxSteps) {
      throw new FlowError('StepLimitExceeded', `The run took more than ${this.maxSteps} steps and was stopped at ${label(node)}; is there an endless loop? Raise maxSteps if the work is really this long.`, node.node.id);
    }
    if (this.options.signal?.aborted) this.stop('Cancelled');
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

/** What an activity sees while it executes. One per step; cheap to create. */
class StepContext implements CoreActivityContext, EvaluationScope {
  inputs: Record<string, unknown> | undefined;
  call: { flow: string; trace: TraceStep[] } | undefined;

  constructor(
    private readonly shared: RunShared,
    private readonly frame: Frame,
    private readonly compiled: CompiledNode,
  ) {}

  get node() {
    return this.compiled.node;
  }
  get signal(): AbortSignal {
    return this.shared.signal;
  }
  get variables(): Bindings {
    return this.frame.variables;
  }
  get extra(): Bindings {
    return this.shared.extra;
  }
  get outputType(): string | undefined {
    return this.compiled.outputType;
  }
  exitEdge(port: string): string | undefined {
    return this.compiled.exitEdges.get(port);
  }

  valueNow(name: string): unknown {
    const evaluator = this.compiled.fields.get(name);
    if (!evaluator) {
      const raw = this.compiled.node.config[name];
      if (raw !== undefined) this.recordInput(name, raw);
      return raw;
    }
    const value = evaluator(this);
    if (value instanceof Promise) {
      return value.then((resolved) => {
        this.recordInput(name, resolved);
        return resolved;
      });
    }
    this.recordInput(name, value);
    return value;
  }

  value(name: string): Promise<unknown> {
    try {
      const value = this.valueNow(name);
      return value instanceof Promise ? value : Promise.resolve(value);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  raw(name: string): unknown {
    return this.compiled.node.config[name];
  }

  variable(name: string): unknown {
    return this.frame.variables[name];
  }

  log(level: LogLevel, message: string): void {
    this.shared.log(this.frame, this.compiled.node.id, level, message);
  }

  service<T>(name: string): T {
    const service = this.shared.options.services?.[name];
    if (service === undefined) throw new FlowError('MissingService', `The host did not provide the service "${name}" that ${label(this.compiled)} needs.`, this.compiled.node.id);
    return service as T;
  }

  constant(name: string): unknown {
    return this.shared.constant(name, this.compiled.node.id);
  }

  latestError(): FlowErrorData | undefined {
    return this.frame.variables[LATEST_ERROR] as FlowErrorData | undefined;
  }

  async callFlow(name: string, parameters: Record<string, unknown>): Promise<unknown> {
    const flow = this.shared.options.flows?.(name);
    if (!flow) throw new FlowError('FlowNotFound', `Flow "${name}" is not available to call; check that it exists and has no problems.`, this.compiled.node.id);
    if (this.frame.depth + 1 > this.shared.maxCallDepth) {
      throw new FlowError('CallDepthExceeded', `Calling ${name} would nest flow calls deeper than ${this.shared.maxCallDepth}; is a flow calling itself without end?`, this.compiled.node.id);
    }
    let frame: Frame;
    try {
      frame = this.shared.frame(flow, parameters, this.frame.depth + 1, name);
    } catch (error) {
      const e = error as FlowError;
      throw new FlowError(e.kind, e.message, this.compiled.node.id, undefined, this.compiled.node.kind);
    }
    this.call = { flow: name, trace: frame.trace };
    try {
      const result = await interpret(frame, this.shared);
      if (result !== undefined && flow.document.returnType) this.shared.redactor.learnTyped(result, flow.document.returnType);
      return result;
    } catch (thrown) {
      const error = thrown instanceof FlowError ? thrown : toFlowError(thrown, this.compiled.node.id, this.compiled.node.kind);
      if (this.shared.isLimit(error)) throw error;
      const inner = error.toData();
      throw new FlowError(error.kind, `Flow ${name} failed: ${error.message}`, this.compiled.node.id, { flow: name, activity: inner.activity, ...(inner.details !== undefined ? { details: inner.details } : {}) }, this.compiled.node.kind);
    }
  }

  private recordInput(name: string, value: unknown): void {
    (this.inputs ??= {})[name] = this.shared.redactor.snapshot(value, this.compiled.fieldTypes.get(name));
  }
}

/** Runs a frame to its End; answers the return value or throws the error that ended it. */
async function interpret(frame: Frame, shared: RunShared): Promise<unknown> {
  const { flow, variables } = frame;
  let current: CompiledNode = flow.start;
  for (;;) {
    let startedAt = shared.beginStep(current);
    if (typeof startedAt !== 'number') startedAt = await startedAt;
    const node = current;
    const context = new StepContext(shared, frame, node);
    const role = node.definition.role;
    let output: unknown;
    let port: string | undefined;
    let next: string | undefined;
    try {
      const top = frame.loops[frame.loops.length - 1];
      const reentry = role === 'loop' && top !== undefined && top.loopId === node.node.id;
      let outcome: ActivityResult = {};
      if (!reentry) {
        const result = node.implementation.execute(context);
        outcome = isPromiseLike(result) ? await shared.race(Promise.resolve(result)) : result;
        if (outcome === undefined || outcome === null || typeof outcome !== 'object') outcome = {};
      }
      output = outcome.output;
      switch (role) {
        case 'end':
          checkReturn(flow, node, output);
          finishStep(shared, frame, context, startedAt, output, undefined);
          return output;
        case 'loop': {
          let loop: Frame['loops'][number];
          if (reentry && top) {
            loop = top;
            loop.index++;
          } else {
            if (output !== undefined && output !== null && !Array.isArray(output)) {
              throw new FlowError('NotAList', `${label(node)} needs a list to loop over, but the expression gave ${describeValue(output)}.`, node.node.id);
            }
            loop = { loopId: node.node.id, items: Array.isArray(output) ? output : [], index: 0 };
            frame.loops.push(loop);
          }
          if (loop.index < loop.items.length) {
            output = loop.items[loop.index];
            variables[String(node.node.config.iterator)] = output;
            port = LOOP_BODY;
          } else {
            frame.loops.pop();
            output = undefined;
            port = LOOP_DONE;
          }
          next = node.exits.get(port);
          break;
        }
        case 'break': {
          while (frame.loops.length > 0 && frame.loops[frame.loops.length - 1]!.loopId !== node.loop) frame.loops.pop();
          frame.loops.pop();
          next = node.loop === undefined ? undefined : flow.nodes.get(node.loop)?.exits.get(LOOP_DONE);
          break;
        }
        case 'continue':
          next = node.loop;
          break;
        default:
          port = outcome.port ?? 'out';
          next = node.exits.get(port);
          if (node.outputVariable !== undefined) {
            const problem = node.outputCheck?.(output);
            if (problem) {
              throw new FlowError('TypeMismatch', `${label(node)}: variable ${node.outputVariable} is ${node.outputType}, but the value is ${problem}.`, node.node.id);
            }
            variables[node.outputVariable] = output;
            if (node.outputHasSecrets) shared.redactor.learnTyped(output, node.outputType!);
          }
      }
      if (next === undefined) {
        throw new FlowError('NoPath', `${label(node)} took ${port === undefined ? 'its exit' : `outcome "${port}"`}, but no flow leaves it there; connect it.`, node.node.id);
      }
    } catch (thrown) {
      const error = shared.stoppedError(node.node.id) ?? toFlowError(thrown, node.node.id, node.node.kind);
      const errorExit = shared.isLimit(error) ? undefined : node.exits.get('error');
      finishStep(shared, frame, context, startedAt, undefined, errorExit ? 'error' : undefined, shared.showError(error));
      if (!errorExit) throw error;
      variables[LATEST_ERROR] = error.toData();
      current = flow.nodes.get(errorExit)!;
      continue;
    }
    finishStep(shared, frame, context, startedAt, output, port);
    current = flow.nodes.get(next)!;
  }
}

function finishStep(shared: RunShared, frame: Frame, context: StepContext, startedAt: number, output: unknown, port: string | undefined, error?: FlowErrorData): void {
  const node = context.node;
  const endedAt = Date.now();
  const step: TraceStep = { nodeId: node.id, kind: node.kind, startedAt: isoTime(startedAt), endedAt: isoTime(endedAt), durationMs: endedAt - startedAt };
  if (context.inputs) step.inputs = context.inputs;
  if (output !== undefined) step.output = shared.redactor.snapshot(output, context.outputType);
  if (port !== undefined) {
    step.port = port;
    const edgeId = context.exitEdge(port);
    if (edgeId !== undefined) step.edgeId = edgeId;
  }
  if (error) step.error = error;
  if (context.call) step.call = context.call;
  shared.record(frame, step);
}

function checkReturn(flow: CompiledFlow, node: CompiledNode, value: unknown): void {
  const check = flow.returnCheck;
  const problem = check?.(value);
  if (problem) throw new FlowError('TypeMismatch', `${label(node)}: the flow returns ${flow.document.returnType}, but the value is ${problem}.`, node.node.id);
}

let lastMs = -1;
let lastIso = '';
/** ISO time of a millisecond timestamp; consecutive steps mostly share one, so the last is cached. */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

function label(node: CompiledNode): string {
  return `"${node.node.label ?? node.definition.label}"`;
}
