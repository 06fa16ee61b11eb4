/**
 * A compact trace: each step's node, kind, timing, port, edge and error (what the editor's Runs dock
 * and run detail draw), without the inputs and outputs that make a trace large. Event callbacks
 * that succeed keep this by default (`eventEndpoint.callbackTrace`); failures keep their full trace.
 */
import type { TraceStep } from '@flowbridge/runtime';

/** The trace with every step's inputs and output dropped, called flows' traces included. */
export function compactTrace(trace: readonly TraceStep[]): TraceStep[] {
  return trace.map(compactStep);
}

/** One step without its inputs and output. */
export function compactStep(step: TraceStep): TraceStep {
  const { inputs: _inputs, output: _output, call, ...kept } = step;
  return call ? { ...kept, call: { flow: call.flow, trace: compactTrace(call.trace) } } : kept;
}
