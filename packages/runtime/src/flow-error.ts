/** Errors raised inside a run; plain data once they leave the runtime (`$latestError`, traces, API). */

export interface FlowErrorData {
  /** A stable name flows can branch on, e.g. `ResourceNotFoundException`, `StepLimitExceeded`. */
  kind: string;
  message: string;
  /** The node where it happened. */
  activity?: string;
  activityKind?: string;
  details?: unknown;
}

/** An error with a kind a flow can branch on; activities throw it to take the error path. */
export class FlowError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly activity?: string,
    readonly details?: unknown,
    readonly activityKind?: string,
  ) {
    super(message);
    this.name = kind;
  }

  toData(): FlowErrorData {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.activity !== undefined ? { activity: this.activity } : {}),
      ...(this.activityKind !== undefined ? { activityKind: this.activityKind } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

/** Normalises anything thrown by an activity into a FlowError attributed to the node. */
export function toFlowError(thrown: unknown, nodeId: string, kind: string): FlowError {
  if (thrown instanceof FlowError) {
    return new FlowError(thrown.kind, thrown.message, thrown.activity ?? nodeId, thrown.details, thrown.activityKind ?? kind);
  }
  if (thrown instanceof Error) return new FlowError(thrown.name && thrown.name !== 'Error' ? thrown.name : 'ActivityFailed', thrown.message, nodeId, undefined, kind);
  // JSONata throws plain objects ({code, message, position, token}) rather than Error instances.
  if (typeof thrown === 'object' && thrown !== null && typeof (thrown as { message?: unknown }).message === 'string') {
    const e = thrown as { message: string; code?: unknown; position?: unknown };
    const details = typeof e.code === 'string' ? { code: e.code, ...(typeof e.position === 'number' ? { position: e.position } : {}) } : undefined;
    return new FlowError(typeof e.code === 'string' ? 'ExpressionError' : 'ActivityFailed', e.message, nodeId, details, kind);
  }
  return new FlowError('ActivityFailed', String(thrown), nodeId, undefined, kind);
}
