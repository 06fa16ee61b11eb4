/**
 * One-click auto-layout: ranks the flow left to right with dagre. dagre is loaded on first use so it
 * stays out of the initial bundle.
 */
import type { FlowDocument, Position } from '@flowbridge/flow-model';

/** The size a node is laid out with (close to what the canvas renders). */
export const NODE_SIZE = { width: 180, height: 48 };

/** Computes new positions for every node (annotations keep theirs). */
export async function autoLayout(document: FlowDocument): Promise<Map<string, Position>> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const n of document.nodes) graph.setNode(n.id, { width: NODE_SIZE.width, height: NODE_SIZE.height });
  for (const e of document.edges) if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.setEdge(e.source, e.target);
  dagre.layout(graph);
  const positions = new Map<string, Position>();
  for (const n of document.nodes) {
    const laid = graph.node(n.id);
    // dagre gives centres; the canvas positions nodes by their top-left corner, on the 10px grid.
    if (laid) positions.set(n.id, { x: Math.round((laid.x - NODE_SIZE.width / 2) / 10) * 10, y: Math.round((laid.y - NODE_SIZE.height / 2) / 10) * 10 });
  }
  return positions;
}
