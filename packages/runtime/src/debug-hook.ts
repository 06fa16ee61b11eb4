/**
 * The interpreter's side of debugging. A run with a debugger attached (`RunOptions.debug`) asks its
 * hook before every node, called flows included, and awaits the answer: that is how a debugger holds
 * the run paused. While it waits the run's clock stops (the time limit counts running, not looking),
 * and cancelling the run still ends it. A run without a debugger never reaches this module.
 */
import { LATEST_ERROR } from '@flowbridge/flow-model';
import type { CompiledFlow, CompiledNode } from './compile.js';
import type { Expression } from './expressions.js';
import type { Frame, RunShared } from './run-state.js';

/** A Call Flow node on the way to where the run is. */
export interface DebugFrame {
  flow: string;
  nodeId: string;
}

/** Where a run is: the node it is about to execute, in which flow, how deep in Call Flow. */
export interface DebugLocation {
  flow: string;
  nodeId: string;
  kind: string;
  label?: string;
  /** 0 for the flow that was run, 1 inside a flow it called, and so on. */
  depth: number;
  /** The Call Flow nodes that led here, outermost first (empty at depth 0). */
  stack: DebugFrame[];
}

/** A variable in scope as a debugger shows it: the value bounded and its secrets masked. */
export interface DebugVariable {
  name: string;
  /** The declared type (parameter, output variable) or, when none is declared, the value's kind. */
  type: string;
  value: unknown;
}

/** What the hook is told before a node runs. */
export interface DebugPoint extends DebugLocation {
  /** The variables in scope now (computed on request: most points are passed without pausing). */
  variables(): DebugVariable[];
  /** Evaluates a compiled expression over the variables in scope (a breakpoint's condition). */
  evaluate(expression: Expression): Promise<unknown>;
}

/** A debugger as the interpreter sees it. */
export interface DebugHook {
  /**
   * Called before each node. Answering nothing lets the run go on at once; answering a promise holds
   * the run until it settles; a rejection ends the run with that error (e.g. `Stopped`).
   */
  beforeNode(point: DebugPoint): void | Promise<void>;
}

/** Bounds of what a pause shows: variables listed, bytes (approximate JSON) per value and for all values together. */
export const DEBUG_LIMITS = { variables: 200, valueBytes: 16_384, totalBytes: 262_144 } as const;

/** Connects a run to its hook; made by the run only when a debugger is attached. */
export class RunDebugger {
  constructor(
    private readonly hook: DebugHook,
    private readonly shared: RunShared,
  ) {}

  /** Asks the hook about `node`; when it holds the run, the clock stops and cancelling still ends the run. */
  before(frame: Frame, node: CompiledNode): void | Promise<void> {
    const answer = this.hook.beforeNode(new Point(frame, node, this.shared));
    if (answer === undefined || typeof (answer as { then?: unknown }).then !== 'function') return;
    // Racing first creates the run's signal and timer (if no step has yet), so holding the clock stops that timer.
    const held = this.shared.race(Promise.resolve(answer));
    const restart = this.shared.holdClock();
    return held.finally(restart);
  }
}

class Point implements DebugPoint {
  readonly flow: string;
  readonly nodeId: string;
  readonly kind: string;
  readonly label?: string;
  readonly depth: number;
  readonly stack: DebugFrame[];

  constructor(
    private readonly frame: Frame,
    node: CompiledNode,
    private readonly shared: RunShared,
  ) {
    this.flow = frame.name;
    this.nodeId = node.node.id;
    this.kind = node.node.kind;
    if (node.node.label !== undefined) this.label = node.node.label;
    this.depth = frame.depth;
    const stack: DebugFrame[] = [];
    for (let at = frame.caller; at; at = at.frame.caller) stack.unshift({ flow: at.frame.name, nodeId: at.nodeId });
    this.stack = stack;
  }

  variables(): DebugVariable[] {
    const declared = declaredTypes(this.frame.flow);
    const out: DebugVariable[] = [];
    // A pause travels to the editor in one message: all its values share one allowance.
    let left: number = DEBUG_LIMITS.totalBytes;
    for (const name of Object.keys(this.frame.variables)) {
      if (out.length >= DEBUG_LIMITS.variables) break;
      const value = this.frame.variables[name];
      const type = declared.get(name) ?? (name === LATEST_ERROR ? 'Error' : kindOf(value));
      if (left <= 0) {
        out.push({ name, type, value: `… (not shown: a pause shows at most ${DEBUG_LIMITS.totalBytes / 1024} KB of values)` });
        continue;
      }
      const shown = this.shared.redactor.preview(value, declared.has(name) ? type : undefined, Math.min(DEBUG_LIMITS.valueBytes, left));
      left -= (JSON.stringify(shown) ?? '').length + name.length + type.length;
      out.push({ name, type, value: shown });
    }
    return out;
  }

  evaluate(expression: Expression): Promise<unknown> {
    return expression.evaluate(this.frame.variables, this.shared.extra);
  }
}

const typesByFlow = new WeakMap<CompiledFlow, Map<string, string>>();

/** The declared type of each parameter and output variable of a flow (computed once per compiled flow). */
function declaredTypes(flow: CompiledFlow): Map<string, string> {
  let types = typesByFlow.get(flow);
  if (types) return types;
  types = new Map();
  for (const p of flow.parameterChecks) types.set(p.name, p.type);
  for (const node of flow.nodes.values()) if (node.outputVariable && node.outputType) types.set(node.outputVariable, node.outputType);
  typesByFlow.set(flow, types);
  return types;
}

/** The kind of a value with no declared type, in the flow language's type names. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'Empty';
  if (Array.isArray(value)) return 'List';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return Number.isInteger(value) ? 'Integer' : 'Decimal';
    case 'boolean':
      return 'Boolean';
    case 'object':
      return 'Object';
    default:
      return typeof value;
  }
}
