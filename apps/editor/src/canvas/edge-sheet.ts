/**
 * The edges of a big flow seen from far away, as path data: one straight segment per edge from the
 * middle of its source's outgoing side to the middle of its target's incoming side. Below the zoom at
 * which captions and ports disappear, a 1,000-node flow's edges cost more to keep as one React Flow
 * element each (a store subscription and an `<svg>` per edge, all laid out on every pan frame) than
 * anyone can see of them; drawn as a few paths in the viewport's own layer, a pan only moves them.
 */
import type { FlowDocument, Position } from '@flowbridge/flow-model';

/** Node sizes the canvas measured; unmeasured nodes use the stylesheet's default size. */
export type MeasuredSizes = ReadonlyMap<string, { width: number; height: number }>;

const DEFAULT_SIZE = { width: 180, height: 46 };

/** SVG path data of every edge, split by how they are drawn: plain, error edges, and the edges a shown run took. */
export interface EdgeSheetPaths {
  plain: string;
  error: string;
  taken: string;
}

/** Path data for `document`'s edges, reading left to right (`LR`) or top to bottom (`TB`). */
export function edgeSheetPaths(document: FlowDocument, measured: MeasuredSizes, direction: 'LR' | 'TB', taken: ReadonlySet<string> = new Set()): EdgeSheetPaths {
  const boxes = new Map<string, { at: Position; width: number; height: number }>();
  for (const n of document.nodes) boxes.set(n.id, { at: n.position, ...(measured.get(n.id) ?? DEFAULT_SIZE) });
  const parts: Record<keyof EdgeSheetPaths, string[]> = { plain: [], error: [], taken: [] };
  for (const e of document.edges) {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    if (!from || !to) continue;
    const [x1, y1] = direction === 'LR' ? [from.at.x + from.width, from.at.y + from.height / 2] : [from.at.x + from.width / 2, from.at.y + from.height];
    const [x2, y2] = direction === 'LR' ? [to.at.x, to.at.y + to.height / 2] : [to.at.x + to.width / 2, to.at.y];
    const segment = `M${round(x1)} ${round(y1)}L${round(x2)} ${round(y2)}`;
    parts[taken.has(e.id) ? 'taken' : e.sourcePort === 'error' ? 'error' : 'plain'].push(segment);
  }
  return { plain: parts.plain.join(''), error: parts.error.join(''), taken: parts.taken.join('') };
}

const round = (n: number) => Math.round(n * 10) / 10;
