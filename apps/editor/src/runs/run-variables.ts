/**
 * The variables of a past run as they stood at a node: the run's parameters plus what each activity run
 * before that node put in its output variable (from the trace). Feeds the expression preview and the
 * property panel's last-run data.
 */
import type { Catalogue, FlowDocument } from '@flowbridge/flow-model';
import type { RunRecord, TraceStep } from '../api/client';

/** Name → value of the variables `run` had when it reached `nodeId` (or at its end when it never did). */
export function runVariables(run: Pick<RunRecord, 'parameters' | 'trace'>, document: FlowDocument, catalogue: Catalogue, nodeId?: string): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...(run.parameters ?? {}) };
  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  for (const step of run.trace) {
    if (step.nodeId === nodeId) break;
    const node = nodes.get(step.nodeId);
    const output = node ? catalogue.activities.get(node.kind)?.output : undefined;
    const name = output ? node?.config[output.variableField] : undefined;
    if (typeof name === 'string' && name !== '' && step.output !== undefined) variables[name] = step.output;
  }
  return variables;
}

/** The steps `run` took at `nodeId` (a loop body runs several times), first one first. */
export function stepsAt(run: Pick<RunRecord, 'trace'>, nodeId: string): TraceStep[] {
  return run.trace.filter((s) => s.nodeId === nodeId);
}
