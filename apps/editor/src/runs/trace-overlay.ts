/**
 * What a run lit on the canvas: the nodes and edges its trace passed through, where it failed, and each
 * node's steps (a node inside a loop runs more than once). Pure, so the canvas and tests share it.
 */
import type { FlowDocument } from '@flowbridge/flow-model';
import type { RunRecord, TraceStep } from '../api/client';

export interface TraceOverlay {
  /** A run is shown: everything not in `nodes`/`edges` is dimmed. */
  active: boolean;
  nodes: Set<string>;
  /** Edge ids the run followed. */
  edges: Set<string>;
  failedAt: string | undefined;
  stepsByNode: Map<string, TraceStep[]>;
}

const NONE: TraceOverlay = { active: false, nodes: new Set(), edges: new Set(), failedAt: undefined, stepsByNode: new Map() };

/**
 * Works out the lit path of `run` over `document`. A step names the edge it followed when the runtime
 * recorded one; older traces only name the port, so the edge is the one from that port to the next step's node.
 */
export function traceOverlay(run: RunRecord | undefined, document: FlowDocument): TraceOverlay {
  if (!run) return NONE;
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const stepsByNode = new Map<string, TraceStep[]>();
  const known = new Set(document.edges.map((e) => e.id));
  run.trace.forEach((step, i) => {
    nodes.add(step.nodeId);
    const list = stepsByNode.get(step.nodeId);
    if (list) list.push(step);
    else stepsByNode.set(step.nodeId, [step]);
    if (step.edgeId && known.has(step.edgeId)) {
      edges.add(step.edgeId);
      return;
    }
    if (!step.port) return;
    const next = run.trace[i + 1]?.nodeId;
    for (const e of document.edges) {
      if (e.source === step.nodeId && e.sourcePort === step.port && (next === undefined || e.target === next)) edges.add(e.id);
    }
  });
  const failedStep = [...run.trace].reverse().find((s) => s.error);
  const failedAt = run.status === 'failed' ? (run.error?.activity ?? failedStep?.nodeId) : undefined;
  if (failedAt) nodes.add(failedAt);
  return { active: true, nodes, edges, failedAt, stepsByNode };
}
