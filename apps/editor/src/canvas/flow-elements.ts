/**
 * Turns the document into React Flow nodes and edges. Elements are cached by the identity of the
 * document objects and their decorations, so an edit re-creates only what changed (a 1,000-node flow
 * stays fast while one node is dragged).
 */
import type { Edge } from '@xyflow/react';
import type { Annotation, Catalogue, FlowDocument, FlowEdge, FlowNode, Problem } from '@flowbridge/flow-model';
import type { ActivityFlowNode } from './ActivityNode';
import type { AnnotationFlowNode } from './AnnotationNode';
import { edgeLabel, visiblePorts } from './ports';
import { unmeasuredHandles } from './unmeasured-handles';

/** Widths the stylesheet gives nodes by role (see styles.css). */
const NODE_WIDTH: Readonly<Record<string, number>> = { start: 120, end: 120, 'error-end': 120 };
/** An activity's height with a one-line caption (44 px and its borders). */
const NODE_HEIGHT = 46;
/** A note's width and smallest height (see styles.css). */
const ANNOTATION_WIDTH = 202;
const ANNOTATION_HEIGHT = 42;

export type CanvasNode = ActivityFlowNode | AnnotationFlowNode;

interface Decorations {
  selected: ReadonlySet<string>;
  problemCounts: ReadonlyMap<string, number>;
  visited: ReadonlySet<string>;
  failedAt: string | undefined;
  /** Sizes React Flow measured; the minimap and fit-view need them on the nodes in controlled mode. */
  measured: ReadonlyMap<string, { width: number; height: number }>;
  /** Which way the flow reads: ports on the right and left, or at the bottom and top. */
  direction?: 'LR' | 'TB';
}

/** Problems per node id. */
export function countProblems(problems: readonly Problem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of problems) if (p.nodeId) counts.set(p.nodeId, (counts.get(p.nodeId) ?? 0) + 1);
  return counts;
}

/** A cache from document objects to canvas elements, kept across renders by the canvas. */
export function createElementCache() {
  const nodeCache = new WeakMap<FlowNode, { key: string; catalogue: Catalogue; node: ActivityFlowNode }>();
  const annotationCache = new WeakMap<Annotation, { key: string; node: AnnotationFlowNode }>();
  const edgeCache = new WeakMap<FlowEdge, { key: string; edge: Edge }>();

  function nodes(document: FlowDocument, catalogue: Catalogue, d: Decorations): CanvasNode[] {
    const out: CanvasNode[] = [];
    for (const n of document.nodes) {
      const selected = d.selected.has(n.id);
      const problemCount = d.problemCounts.get(n.id) ?? 0;
      const visited = d.visited.has(n.id);
      const failed = d.failedAt === n.id;
      const size = d.measured.get(n.id);
      const direction = d.direction ?? 'LR';
      const key = `${selected}|${problemCount}|${visited}|${failed}|${size?.width}x${size?.height}|${direction}`;
      const cached = nodeCache.get(n);
      if (cached && cached.key === key && cached.catalogue === catalogue) {
        out.push(cached.node);
        continue;
      }
      const definition = catalogue.activities.get(n.kind);
      const ports = definition ? visiblePorts(definition, n.config, catalogue) : [];
      const width = NODE_WIDTH[definition?.role ?? ''] ?? 180;
      const node: ActivityFlowNode = {
        id: n.id,
        type: 'activity',
        position: n.position,
        selected,
        // A size and ports before measuring let React Flow skip off-screen nodes on the very first render.
        ...(size
          ? { measured: size }
          : { initialWidth: width, initialHeight: NODE_HEIGHT, handles: unmeasuredHandles(ports, { start: definition?.role === 'start', direction, width, height: NODE_HEIGHT }) }),
        data: {
          kind: n.kind,
          caption: n.label ?? definition?.label ?? n.kind,
          definition,
          ports,
          problemCount,
          visited,
          failed,
          direction,
        },
      };
      nodeCache.set(n, { key, catalogue, node });
      out.push(node);
    }
    for (const a of document.annotations) {
      const selected = d.selected.has(a.id);
      const size = d.measured.get(a.id);
      const key = `${selected}|${size?.width}x${size?.height}`;
      const cached = annotationCache.get(a);
      if (cached && cached.key === key) {
        out.push(cached.node);
        continue;
      }
      // A note has no ports: an empty list tells React Flow so, and it too is drawn only once on screen.
      const unmeasured = { initialWidth: ANNOTATION_WIDTH, initialHeight: ANNOTATION_HEIGHT, handles: [] };
      const node: AnnotationFlowNode = { id: a.id, type: 'annotation', position: a.position, selected, ...(size ? { measured: size } : unmeasured), data: { text: a.text } };
      annotationCache.set(a, { key, node });
      out.push(node);
    }
    return out;
  }

  /** `taken` holds the ids of the edges the shown run followed (see runs/trace-overlay.ts). */
  function edges(document: FlowDocument, catalogue: Catalogue, selected: ReadonlySet<string>, taken: ReadonlySet<string>): Edge[] {
    const byId = new Map(document.nodes.map((n) => [n.id, n]));
    return document.edges.map((e) => {
      const isSelected = selected.has(e.id);
      const isTaken = taken.has(e.id);
      const source = byId.get(e.source);
      const key = `${isSelected}|${isTaken}|${source?.config === undefined ? '' : 'c'}`;
      const cached = edgeCache.get(e);
      // Labels depend on the source's config (decision outcomes), so a changed source re-creates its edges.
      if (cached && cached.key === key && source && sourceConfigs.get(e) === source.config) return cached.edge;
      const label = source ? edgeLabel(catalogue.activities.get(source.kind), source.config, e.sourcePort, catalogue) : undefined;
      const classes = [e.sourcePort === 'error' ? 'error-edge' : '', isTaken ? 'taken' : ''].filter(Boolean).join(' ');
      const edge: Edge = {
        id: e.id,
        source: e.source,
        sourceHandle: e.sourcePort,
        target: e.target,
        targetHandle: 'in',
        selected: isSelected,
        ...(label ? { label } : {}),
        ...(classes ? { className: classes } : {}),
        ...(e.sourcePort === 'error' ? { animated: false, style: { strokeDasharray: '6 4' } } : {}),
      };
      edgeCache.set(e, { key, edge });
      if (source) sourceConfigs.set(e, source.config);
      return edge;
    });
  }
  const sourceConfigs = new WeakMap<FlowEdge, Record<string, unknown>>();

  return { nodes, edges };
}
