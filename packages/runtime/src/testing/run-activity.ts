/**
 * Test helpers for activity authors: run one activity inside a real flow (Start → activity → End, with
 * an error edge) on the real runtime, or any flow document with given modules. Published as
 * `@flowbridge/runtime/testing` so every connector tests its activities the same way.
 */
import type { FlowDocument, FlowParameter } from '@flowbridge/flow-model';
import { compile, coreRuntimeModule, createEngine, run, type RunResult, type RuntimeModule } from '../index.js';

export interface ActivityOutcome {
  /** `out` when the activity succeeded, `error` when the run took its error edge. */
  path: 'out' | 'error';
  /** The output variable on `out`. */
  value?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary members
  /** `$latestError` on `error`. */
  error?: { kind: string; message: string; details?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  result: RunResult;
}

export interface RunActivityOptions {
  parameters?: Record<string, unknown>;
  parameterTypes?: FlowParameter[];
  services?: Record<string, unknown>;
  /** Constants by name; secret unless listed in `publicConstants` (so tests also see secrets never leak). */
  constants?: Record<string, string>;
  publicConstants?: ReadonlyArray<string>;
  /** False for activities without an output variable. */
  output?: boolean;
}

/** A flow document around one node of `kind`. */
export function activityFlow(kind: string, config: Record<string, unknown>, options: RunActivityOptions = {}): FlowDocument {
  const output = options.output ?? true;
  return {
    formatVersion: 1,
    name: 'ACT_Test',
    parameters: options.parameterTypes ?? [],
    returnType: 'JSON',
    nodes: [
      { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'act', kind, position: { x: 200, y: 0 }, config: output ? { outputVariable: 'Out', ...config } : config },
      { id: 'end', kind: 'core.End', position: { x: 400, y: 0 }, config: { returnValue: output ? '{"path": "out", "value": $Out}' : '{"path": "out"}' } },
      { id: 'failed', kind: 'core.End', position: { x: 400, y: 200 }, config: { returnValue: '{"path": "error", "error": $latestError}' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'act' },
      { id: 'e2', source: 'act', sourcePort: 'out', target: 'end' },
      { id: 'e3', source: 'act', sourcePort: 'error', target: 'failed' },
    ],
    annotations: [],
  };
}

/** Compiles and runs the one-activity flow; fails the test when the flow does not compile or the run fails. */
export async function runActivity(modules: ReadonlyArray<RuntimeModule>, kind: string, config: Record<string, unknown>, options: RunActivityOptions = {}): Promise<ActivityOutcome> {
  const engine = createEngine([coreRuntimeModule, ...modules]);
  const compiled = compile(activityFlow(kind, config, options), engine);
  if (!compiled.ok) throw new Error(`The test flow does not compile: ${JSON.stringify(compiled.problems)}`);
  const result = await run(compiled.flow, options.parameters ?? {}, {
    services: options.services ?? {},
    constants: (name) => (options.constants && name in options.constants ? { value: options.constants[name], secret: !options.publicConstants?.includes(name) } : undefined),
  });
  if (result.status !== 'succeeded') throw new Error(`The test flow failed: ${JSON.stringify(result.error)}`);
  const returned = result.result as { path: 'out' | 'error'; value?: unknown; error?: ActivityOutcome['error'] };
  return { path: returned.path, value: returned.value, ...(returned.error ? { error: returned.error } : {}), result };
}

/** Compiles and runs any flow document with the connector modules; fails the test when it does not compile. */
export async function runDocument(modules: ReadonlyArray<RuntimeModule>, document: FlowDocument, options: RunActivityOptions = {}): Promise<RunResult> {
  const engine = createEngine([coreRuntimeModule, ...modules]);
  const compiled = compile(document, engine);
  if (!compiled.ok) throw new Error(`The test flow does not compile: ${JSON.stringify(compiled.problems)}`);
  return run(compiled.flow, options.parameters ?? {}, {
    services: options.services ?? {},
    constants: (name) => (options.constants && name in options.constants ? { value: options.constants[name], secret: !options.publicConstants?.includes(name) } : undefined),
  });
}
