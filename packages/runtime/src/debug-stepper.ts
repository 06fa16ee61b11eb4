/**
 * A debugger for one run: breakpoints (optionally with a JSONata condition over the variables in
 * scope), stepping (over, into a Call Flow, out of it), continue and stop, and a bounded pause. It is
 * a `DebugHook`; the host passes it as `RunOptions.debug` and drives it with plain-data commands, and
 * hears about pauses through plain-data events, so both can cross a thread or process boundary.
 */
import { parseExpression } from '@flowbridge/flow-model';
import type { DebugHook, DebugLocation, DebugPoint, DebugVariable } from './debug-hook.js';
import { compileJsonata, type Expression } from './expressions.js';
import { FlowError } from './flow-error.js';

/** A breakpoint on a node of a flow; with a condition, the run pauses there only when it is `true`. */
export interface Breakpoint {
  flow: string;
  nodeId: string;
  condition?: string;
}

/** What a person does with a paused run. */
export type StepCommand = 'continue' | 'stepOver' | 'stepInto' | 'stepOut' | 'stop';

export const STEP_COMMANDS: readonly StepCommand[] = ['continue', 'stepOver', 'stepInto', 'stepOut', 'stop'];

/** A command to the stepper: a step command, new breakpoints, or letting go of the run for good. */
export type DebugCommand = { type: StepCommand } | { type: 'breakpoints'; breakpoints: Breakpoint[] } | { type: 'detach' };

/** What a paused run shows. */
export interface PausedState extends DebugLocation {
  /** Why it paused: a breakpoint, or the end of a step. */
  reason: 'breakpoint' | 'step';
  variables: DebugVariable[];
  /** Set when the breakpoint's condition could not be evaluated (the run pauses so the person sees why). */
  conditionError?: string;
  pausedAt: string;
  /** When the pause timeout acts if nobody does. */
  timesOutAt: string;
}

/** What the stepper tells its host. */
export type DebugEvent = { type: 'paused'; state: PausedState } | { type: 'resumed'; command: StepCommand; byTimeout: boolean };

/** What happens when a pause times out: the run goes on with the debugger let go, or it is stopped. */
export type PauseTimeoutAction = 'continue' | 'stop';

export interface DebugStepperOptions {
  breakpoints?: readonly Breakpoint[];
  /** How long a run stays paused before `onPauseTimeout` acts. */
  pauseTimeoutMs: number;
  onPauseTimeout: PauseTimeoutAction;
  onEvent(event: DebugEvent): void;
}

/** Bounds of the breakpoints of one run. */
export const BREAKPOINT_LIMITS = { count: 500, conditionLength: 2_000, nodeIdLength: 200, flowNameLength: 200 } as const;

/** The first problem of a breakpoint list (where it is and what to do), or undefined when it is fine. */
export function checkBreakpoints(list: readonly Breakpoint[]): string | undefined {
  if (list.length > BREAKPOINT_LIMITS.count) return `There are ${list.length} breakpoints; at most ${BREAKPOINT_LIMITS.count} are allowed. Remove some.`;
  for (const [i, b] of list.entries()) {
    if (typeof b.flow !== 'string' || b.flow === '' || b.flow.length > BREAKPOINT_LIMITS.flowNameLength) return `Breakpoint ${i + 1} needs the name of its flow.`;
    if (typeof b.nodeId !== 'string' || b.nodeId === '' || b.nodeId.length > BREAKPOINT_LIMITS.nodeIdLength) return `Breakpoint ${i + 1} (flow ${b.flow}) needs the id of its node.`;
    if (b.condition === undefined || b.condition.trim() === '') continue;
    if (b.condition.length > BREAKPOINT_LIMITS.conditionLength) return `The condition of the breakpoint on node ${b.nodeId} of ${b.flow} is longer than ${BREAKPOINT_LIMITS.conditionLength} characters; shorten it.`;
    const parsed = parseExpression(b.condition);
    if (!parsed.ok) return `The condition of the breakpoint on node ${b.nodeId} of ${b.flow} is not a valid expression (at character ${parsed.position + 1}: ${parsed.message}); fix it, e.g. $Total > 100.`;
  }
  return undefined;
}

type Mode = { kind: 'run' } | { kind: 'into' } | { kind: 'over'; depth: number } | { kind: 'out'; depth: number };

interface Waiting {
  point: DebugPoint;
  timer: ReturnType<typeof setTimeout>;
  resolve(): void;
  reject(error: Error): void;
}

const key = (flow: string, nodeId: string): string => `${flow}\u0000${nodeId}`;

/** The debugger of one run. */
export class DebugStepper implements DebugHook {
  private breakpoints = new Map<string, Expression | null>();
  private mode: Mode = { kind: 'run' };
  private waiting: Waiting | undefined;
  private detached = false;
  private stopRequested = false;

  constructor(private readonly options: DebugStepperOptions) {
    this.setBreakpoints(options.breakpoints ?? []);
  }

  /** Replaces the breakpoints (they apply from the next node on); throws with the first problem of a bad list. */
  setBreakpoints(list: readonly Breakpoint[]): void {
    const problem = checkBreakpoints(list);
    if (problem) throw new Error(problem);
    const next = new Map<string, Expression | null>();
    for (const b of list) next.set(key(b.flow, b.nodeId), b.condition !== undefined && b.condition.trim() !== '' ? compileJsonata(b.condition) : null);
    this.breakpoints = next;
  }

  /** True while the run waits for a command. */
  get paused(): boolean {
    return this.waiting !== undefined;
  }

  /**
   * Applies a command; answers false when a step command finds the run not paused (nothing happens,
   * except `stop`, which then ends the run before its next node).
   */
  apply(command: DebugCommand): boolean {
    switch (command.type) {
      case 'breakpoints':
        this.setBreakpoints(command.breakpoints);
        return true;
      case 'detach':
        this.detached = true;
        if (this.waiting) this.resume('continue', false);
        return true;
      default:
        if (this.waiting) return this.resume(command.type, false);
        if (command.type === 'stop') {
          this.stopRequested = true;
          return true;
        }
        return false;
    }
  }

  beforeNode(point: DebugPoint): void | Promise<void> {
    if (this.stopRequested) throw stopped(point, 'The run was stopped in the debugger');
    if (this.detached) return;
    const mode = this.mode;
    if (mode.kind === 'into' || (mode.kind === 'over' && point.depth <= mode.depth) || (mode.kind === 'out' && point.depth < mode.depth)) return this.pause(point, 'step');
    const k = key(point.flow, point.nodeId);
    const condition = this.breakpoints.get(k);
    if (condition === undefined) return;
    if (condition === null) return this.pause(point, 'breakpoint');
    return point.evaluate(condition).then(
      (value) => (value === true ? this.pause(point, 'breakpoint') : undefined),
      (error: unknown) => {
        // A run over its time or cancelled ends; any other failure of the condition is shown at a pause.
        if (error instanceof FlowError && (error.kind === 'Timeout' || error.kind === 'Cancelled')) throw error;
        return this.pause(point, 'breakpoint', `The breakpoint's condition failed: ${(error as Error).message ?? String(error)}`);
      },
    );
  }

  private pause(point: DebugPoint, reason: PausedState['reason'], conditionError?: string): Promise<void> {
    const now = Date.now();
    const state: PausedState = {
      flow: point.flow,
      nodeId: point.nodeId,
      kind: point.kind,
      ...(point.label !== undefined ? { label: point.label } : {}),
      depth: point.depth,
      stack: point.stack,
      reason,
      variables: point.variables(),
      ...(conditionError !== undefined ? { conditionError } : {}),
      pausedAt: new Date(now).toISOString(),
      timesOutAt: new Date(now + this.options.pauseTimeoutMs).toISOString(),
    };
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.resume(this.options.onPauseTimeout === 'stop' ? 'stop' : 'continue', true), this.options.pauseTimeoutMs);
      this.waiting = { point, timer, resolve, reject };
      this.emit({ type: 'paused', state });
    });
  }

  private resume(command: StepCommand, byTimeout: boolean): boolean {
    const waiting = this.waiting;
    if (!waiting) return false;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    const depth = waiting.point.depth;
    switch (command) {
      case 'continue':
        this.mode = { kind: 'run' };
        // A forgotten debugger lets go of the run: it does not pause again at the next breakpoint.
        if (byTimeout) this.detached = true;
        break;
      case 'stepOver':
        this.mode = { kind: 'over', depth };
        break;
      case 'stepInto':
        this.mode = { kind: 'into' };
        break;
      case 'stepOut':
        this.mode = { kind: 'out', depth };
        break;
      case 'stop':
        break;
    }
    this.emit({ type: 'resumed', command, byTimeout });
    if (command === 'stop') {
      const why = byTimeout ? `The run was stopped after being paused for ${Math.round(this.options.pauseTimeoutMs / 1000)} s (the debugger's pause timeout)` : 'The run was stopped in the debugger';
      waiting.reject(stopped(waiting.point, why));
    } else waiting.resolve();
    return true;
  }

  private emit(event: DebugEvent): void {
    try {
      this.options.onEvent(event);
    } catch {
      // A listener's failure must not change the run.
    }
  }
}

function stopped(point: DebugPoint, why: string): FlowError {
  return new FlowError('Stopped', `${why} at ${point.label ? `"${point.label}"` : point.kind} (node ${point.nodeId}${point.depth > 0 ? ` of called flow ${point.flow}` : ''}).`, point.nodeId);
}
