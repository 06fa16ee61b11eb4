/** What an activity sees while it executes: evaluated fields, variables, log, signal, services, constants. */
import { LATEST_ERROR } from '@flowbridge/flow-model';
import type { CoreActivityContext, LogLevel } from './activity-implementation.js';
import type { CompiledNode, EvaluationScope } from './compile.js';
import type { Bindings } from './expressions.js';
import { FlowError, toFlowError, type FlowErrorData } from './flow-error.js';
import { label, type Frame, type RunShared } from './run-state.js';
import type { TraceStep } from './run-types.js';
import type { ServiceKey } from './service-key.js';

/** What an activity sees while it executes. One per step; cheap to create. */
export class StepContext implements CoreActivityContext, EvaluationScope {
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

  service<T>(key: ServiceKey<T>): T {
    const service = this.shared.options.services?.[key.name];
    if (service === undefined) throw new FlowError('MissingService', `The host did not provide the service "${key.name}" that ${label(this.compiled)} needs.`, this.compiled.node.id);
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
    if (this.shared.debugger) frame.caller = { frame: this.frame, nodeId: this.compiled.node.id };
    this.call = { flow: name, trace: frame.trace };
    try {
      const result = await this.shared.interpret(frame, this.shared);
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
