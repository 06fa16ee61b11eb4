/**
 * `run`: executes one run of a compiled flow, producing its result, log and trace. Runs are
 * independent: each has its own variables, limits and trace, so many may interleave.
 *
 * Control flow (loops, Break/Continue, error paths, Call Flow, End) lives here; what each activity
 * does lives in its implementation. Limits — step budget, wall-clock timeout, cancellation — end the
 * run and are never routed to error paths, so an error handler cannot keep an endless loop alive.
 */
import { LATEST_ERROR } from '@flowbridge/flow-model';
import type { ActivityResult } from './activity-implementation.js';
import { LOOP_BODY, LOOP_DONE, type CompiledFlow, type CompiledNode, type Route } from './compile.js';
import { FlowError, toFlowError, type FlowErrorData } from './flow-error.js';
import { isoTime, label, RunShared, type Frame } from './run-state.js';
import type { RunOptions, RunResult, TraceStep } from './run-types.js';
import { StepContext } from './step-context.js';
import { describeValue } from './value-types.js';

export * from './run-types.js';

/** Executes `flow` with `parameters` bound as variables. Never throws: failures are in the result. */
export async function run(flow: CompiledFlow, parameters: Record<string, unknown>, options: RunOptions = {}): Promise<RunResult> {
  let shared: RunShared | undefined;
  let frame: Frame | undefined;
  try {
    shared = new RunShared(flow, options ?? {}, interpret);
    frame = shared.frame(flow, parameters, 0, flow.document.name);
    const result = await interpret(frame, shared);
    return {
      status: 'succeeded',
      ...(result !== undefined ? { result: shared.redactor.full(result, flow.document.returnType) } : {}),
      logs: shared.logs,
      trace: frame.trace,
      steps: shared.steps,
      ...shared.traceSummary(),
    };
  } catch (thrown) {
    const error = thrown instanceof FlowError ? thrown : toFlowError(thrown, frame?.flow.start.node.id ?? '', 'run');
    return {
      status: 'failed',
      error: shared ? shared.showError(error) : error.toData(),
      logs: shared?.logs ?? [],
      trace: frame?.trace ?? [],
      steps: shared?.steps ?? 0,
      ...shared?.traceSummary(),
    };
  } finally {
    shared?.dispose();
  }
}

/** Runs a frame to its End; answers the return value or throws the error that ended it. */
async function interpret(frame: Frame, shared: RunShared): Promise<unknown> {
  const { flow, variables } = frame;
  let current: CompiledNode = flow.start;
  let clock: number | undefined;
  for (;;) {
    if (shared.debugger) {
      await shared.debugger.before(frame, current);
      // Time spent paused belongs to no step.
      clock = undefined;
    }
    // The previous step's end is this step's start: one clock read per step instead of two.
    let startedAt = shared.beginStep(current, clock);
    if (typeof startedAt !== 'number') startedAt = await startedAt;
    const node = current;
    const context = new StepContext(shared, frame, node);
    const role = node.definition.role;
    let output: unknown;
    let port: string | undefined;
    let next: CompiledNode | undefined;
    let route: Route | undefined;
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
          finishStep(shared, frame, context, startedAt, output, undefined, undefined);
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
          route = node.routes.get(port);
          next = route?.target;
          break;
        }
        case 'break': {
          while (frame.loops.length > 0 && frame.loops[frame.loops.length - 1]!.loopId !== node.loop) frame.loops.pop();
          frame.loops.pop();
          next = node.loop === undefined ? undefined : flow.nodes.get(node.loop)?.routes.get(LOOP_DONE)?.target;
          break;
        }
        case 'continue':
          next = node.loop === undefined ? undefined : flow.nodes.get(node.loop);
          break;
        default:
          port = outcome.port ?? 'out';
          route = node.routes.get(port);
          next = route?.target;
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
      const errorRoute = shared.isLimit(error) ? undefined : node.routes.get('error');
      clock = finishStep(shared, frame, context, startedAt, undefined, errorRoute ? 'error' : undefined, errorRoute, shared.showError(error));
      if (!errorRoute) throw error;
      variables[LATEST_ERROR] = error.toData();
      current = errorRoute.target;
      continue;
    }
    clock = finishStep(shared, frame, context, startedAt, output, port, route);
    current = next;
  }
}

/** Records the step in the trace (and `onStep`); answers the time it ended. */
function finishStep(shared: RunShared, frame: Frame, context: StepContext, startedAt: number, output: unknown, port: string | undefined, route: Route | undefined, error?: FlowErrorData): number {
  const node = context.node;
  const endedAt = Date.now();
  const step: TraceStep = { nodeId: node.id, kind: node.kind, startedAt: isoTime(startedAt), endedAt: isoTime(endedAt), durationMs: endedAt - startedAt };
  if (context.inputs) step.inputs = context.inputs;
  if (output !== undefined) step.output = shared.redactor.snapshot(output, context.outputType);
  if (port !== undefined) step.port = port;
  if (route !== undefined) step.edgeId = route.edgeId;
  if (error) step.error = error;
  if (context.call) step.call = context.call;
  shared.record(frame, step);
  return endedAt;
}

function checkReturn(flow: CompiledFlow, node: CompiledNode, value: unknown): void {
  const check = flow.returnCheck;
  const problem = check?.(value);
  if (problem) throw new FlowError('TypeMismatch', `${label(node)}: the flow returns ${flow.document.returnType}, but the value is ${problem}.`, node.node.id);
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
