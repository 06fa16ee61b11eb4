/** `run`: executes one run of a compiled flow, producing its result, log and trace. */
import type { ActivityContext, LogLevel, LogLine } from './activity-implementation.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import { FlowError, toFlowError, type FlowErrorData } from './flow-error.js';

/** One executed step, as the editor replays it on the canvas. */
export interface TraceStep {
  nodeId: string;
  kind: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  output?: unknown;
  /** The port followed out of this node (absent for End). */
  port?: string;
  error?: FlowErrorData;
}

export interface RunResult {
  status: 'succeeded' | 'failed';
  result?: unknown;
  error?: FlowErrorData;
  logs: LogLine[];
  trace: TraceStep[];
}

export interface RunOptions {
  /** Maximum steps before the run fails with StepLimitExceeded. */
  maxSteps?: number;
  signal?: AbortSignal;
  services?: Readonly<Record<string, unknown>>;
  /** Called for every log line as it is written (live streaming). */
  onLog?: (line: LogLine) => void;
}

const DEFAULT_MAX_STEPS = 10_000;

/** Executes `flow` with `parameters` bound as variables. Never throws: failures are in the result. */
export async function run(flow: CompiledFlow, parameters: Record<string, unknown>, options: RunOptions = {}): Promise<RunResult> {
  const variables: Record<string, unknown> = { ...parameters };
  const logs: LogLine[] = [];
  const trace: TraceStep[] = [];
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const signal = options.signal ?? new AbortController().signal;
  let current: CompiledNode | undefined = flow.start;
  let steps = 0;

  while (current) {
    if (steps++ >= maxSteps) {
      return fail(new FlowError('StepLimitExceeded', `The run took more than ${maxSteps} steps; is there an endless loop?`, current.node.id), logs, trace);
    }
    if (signal.aborted) return fail(new FlowError('Cancelled', 'The run was cancelled.', current.node.id), logs, trace);
    const startedAt = Date.now();
    const node: CompiledNode = current;
    const context: ActivityContext = {
      node: node.node,
      value: async (name) => {
        const compiled = node.fields.get(name);
        return compiled ? compiled(variables) : node.node.config[name];
      },
      raw: (name) => node.node.config[name],
      variable: (name) => variables[name],
      log: (level: LogLevel, message: string) => {
        const line = { time: new Date().toISOString(), level, nodeId: node.node.id, message };
        logs.push(line);
        options.onLog?.(line);
      },
      signal,
      service: <T>(name: string): T => {
        const service = options.services?.[name];
        if (service === undefined) throw new FlowError('MissingService', `The host did not provide the service "${name}".`, node.node.id);
        return service as T;
      },
    };
    try {
      const outcome = await node.implementation.execute(context);
      const endedAt = Date.now();
      const variableField = node.definition.output?.variableField;
      const variableName = variableField ? node.node.config[variableField] : undefined;
      if (typeof variableName === 'string' && variableName !== '') variables[variableName] = outcome.output;
      if (node.definition.role === 'end') {
        trace.push(step(node, startedAt, endedAt, { output: outcome.output }));
        return { status: 'succeeded', ...(outcome.output !== undefined ? { result: outcome.output } : {}), logs, trace };
      }
      const port = outcome.port ?? 'out';
      trace.push(step(node, startedAt, endedAt, { output: outcome.output, port }));
      const next = node.exits.get(port);
      current = next === undefined ? undefined : flow.nodes.get(next);
      if (!current) return fail(new FlowError('NoPath', `No outgoing flow for port "${port}".`, node.node.id), logs, trace);
    } catch (thrown) {
      const error = toFlowError(thrown, node.node.id, node.node.kind);
      const errorExit = node.exits.get('error');
      trace.push(step(node, startedAt, Date.now(), { error: error.toData(), ...(errorExit ? { port: 'error' } : {}) }));
      if (!errorExit) return fail(error, logs, trace, true);
      variables.latestError = error.toData();
      current = flow.nodes.get(errorExit);
    }
  }
  return fail(new FlowError('NoPath', 'The run stopped without reaching an End.'), logs, trace);
}

function step(node: CompiledNode, startedAt: number, endedAt: number, extra: Partial<TraceStep>): TraceStep {
  return {
    nodeId: node.node.id,
    kind: node.node.kind,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
    durationMs: endedAt - startedAt,
    ...extra,
  };
}

function fail(error: FlowError, logs: LogLine[], trace: TraceStep[], alreadyTraced = false): RunResult {
  void alreadyTraced;
  return { status: 'failed', error: error.toData(), logs, trace };
}
