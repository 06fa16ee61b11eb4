/**
 * One-click auto-layout with dagre: ranks the flow left to right or top to bottom, whichever shows it
 * larger on a typical canvas, with compact spacing; a flow too tall to read whole is folded into columns.
 * dagre is loaded on first use so it stays out of the initial bundle.
 */
import type { FlowDocument, Position } from '@flowbridge/flow-model';
import { freePosition, type Box } from './insert-geometry';

/** The size a node is laid out with (the widest the canvas renders; Start and End are narrower). */
export const NODE_SIZE = { width: 180, height: 48 };
/** The size an annotation is given room for. */
const ANNOTATION_SIZE = { width: 200, height: 60 };

export type LayoutDirection = 'LR' | 'TB';

/** The canvas the layout is chosen for when the real one is not known (a laptop screen minus the side panels). */
export const TYPICAL_CANVAS = { width: 1000, height: 560 };

export interface Layout {
  direction: LayoutDirection;
  positions: Map<string, Position>;
  /** The laid-out flow's extent. */
  width: number;
  height: number;
}

/** The dagre module (its default export), passed in so it can be loaded lazily. */
type Dagre = (typeof import('@dagrejs/dagre'))['default'];

function layoutWith(dagre: Dagre, document: FlowDocument, direction: LayoutDirection): Layout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: direction, nodesep: direction === 'LR' ? 24 : 40, ranksep: direction === 'LR' ? 60 : 44, marginx: 20, marginy: 20 });
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
  const { width = 0, height = 0 } = graph.graph();
  return { direction, positions, width, height };
}

/** The zoom at which a `width`×`height` flow fits `canvas`. */
export function fitZoom(width: number, height: number, canvas = TYPICAL_CANVAS): number {
  return Math.min(canvas.width / Math.max(width, 1), canvas.height / Math.max(height, 1));
}

/**
 * Lays the flow out both ways and keeps the one that fits `canvas` at the larger zoom, up to natural size
 * (a small flow is left to right: both fit at 100%); left to right on a near tie.
 */
export function chooseLayout(dagre: Dagre, document: FlowDocument, canvas = TYPICAL_CANVAS): Layout {
  const across = layoutWith(dagre, document, 'LR');
  const down = layoutWith(dagre, document, 'TB');
  const folded = foldColumns(down, canvas);
  const shown = (l: Layout) => Math.min(1, fitZoom(l.width, l.height, canvas));
  const best = shown(down) > shown(across) * 1.05 ? down : across;
  return folded && shown(folded) > shown(best) * 1.05 ? folded : best;
}

/** Zoom at which a folded layout should still be readable (see canvas/fit-view.ts READABLE_ZOOM). */
const FOLD_ZOOM = 0.55;
const COLUMN_GAP = 60;
/** The margin fit view keeps around a flow, in screen pixels (canvas/fit-view.ts). */
const FIT_MARGIN = 40;

/**
 * A top-down layout too tall to read on `canvas` cut into side-by-side columns of whole ranks (a long
 * chain becomes a few short ones), so a 30-step flow fits the screen at a readable zoom. Undefined when
 * the layout is short enough already or has too few ranks to fold.
 */
export function foldColumns(layout: Layout, canvas = TYPICAL_CANVAS): Layout | undefined {
  if (layout.direction !== 'TB' || layout.positions.size === 0) return undefined;
  const ranks = [...new Set([...layout.positions.values()].map((p) => p.y))].sort((a, b) => a - b);
  // A column is as tall as fits the canvas's height (less fit view's margins) at the readable zoom.
  const maxHeight = (canvas.height - 2 * FIT_MARGIN) / FOLD_ZOOM;
  const columnOf = new Map<number, { column: number; top: number }>();
  let column = 0;
  let columnTop = ranks[0]!;
  for (const y of ranks) {
    if (y - columnTop + NODE_SIZE.height > maxHeight && y !== columnTop) {
      column++;
      columnTop = y;
    }
    columnOf.set(y, { column, top: columnTop });
  }
  if (column === 0) return undefined;
  const xs = [...layout.positions.values()].map((p) => p.x);
  const columnWidth = Math.max(...xs) - Math.min(...xs) + NODE_SIZE.width + COLUMN_GAP;
  const first = ranks[0]!;
  const positions = new Map<string, Position>();
  let height = 0;
  for (const [id, p] of layout.positions) {
    const place = columnOf.get(p.y)!;
    // Each column starts at the top, its ranks keeping the spacing they had.
    const at = { x: p.x + place.column * columnWidth, y: first + p.y - place.top };
    positions.set(id, at);
    height = Math.max(height, at.y + NODE_SIZE.height);
  }
  return { direction: 'TB', positions, width: (column + 1) * columnWidth, height: height + 20 };
}

/**
 * Computes new positions for every node, and for annotations the free spot nearest where they were
 * (so none ends up under a node).
 */
export async function autoLayout(document: FlowDocument, canvas = TYPICAL_CANVAS): Promise<Layout> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const layout = chooseLayout(dagre, document, canvas);
  const taken: Box[] = [...layout.positions.values()].map((p) => ({ ...p, ...NODE_SIZE }));
  for (const a of document.annotations) {
    const at = freePosition(a.position, taken, ANNOTATION_SIZE);
    layout.positions.set(a.id, at);
    taken.push({ ...at, ...ANNOTATION_SIZE });
  }
  return layout;
}

/**
 * Which way the flow reads, judged from where its edges go: top to bottom when most connections point
 * down more than sideways, else left to right. The canvas puts ports on the matching sides of nodes.
 */
export function flowDirection(document: FlowDocument): LayoutDirection {
  const at = new Map(document.nodes.map((n) => [n.id, n.position]));
  let down = 0;
  let across = 0;
  for (const e of document.edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    if (b.y - a.y > Math.abs(b.x - a.x)) down++;
    else across++;
  }
  return down > across ? 'TB' : 'LR';
}
