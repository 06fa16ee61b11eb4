/** Boxes on the canvas and finding free space among them (for new nodes and for annotations after a layout). */
import type { FlowDocument, Position } from '@flowbridge/flow-model';

/** Default size of a node's box when it has not been measured (as laid out, see layout.ts). */
const DEFAULT_SIZE = { width: 180, height: 48 };
/** Space kept around a node when looking for a free spot. */
const GAP = 20;
const GRID = 10;
/** How far (in rings of one grid step times this) the free-spot search looks before giving up. */
const MAX_RINGS = 60;
const RING_STEP = 20;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes the document's nodes and annotations occupy, with measured sizes when known. */
export function occupied(document: FlowDocument, sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): Box[] {
  return [...document.nodes, ...document.annotations].map((n) => ({ ...n.position, ...(sizes.get(n.id) ?? DEFAULT_SIZE) }));
}

/** True when two boxes overlap (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The grid position nearest `wanted` where a new node does not overlap (with a small gap) any box in
 * `taken`: `wanted` itself when it is free, else the closest free spot on growing rings around it.
 */
export function freePosition(wanted: Position, taken: readonly Box[], size = DEFAULT_SIZE): Position {
  const snap = (v: number) => Math.round(v / GRID) * GRID;
  const fits = (p: Position) => !taken.some((b) => overlaps({ x: p.x - GAP, y: p.y - GAP, width: size.width + 2 * GAP, height: size.height + 2 * GAP }, b));
  const start = { x: snap(wanted.x), y: snap(wanted.y) };
  if (fits(start)) return start;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const d = ring * RING_STEP;
    const candidates: Position[] = [];
    for (let k = -ring; k <= ring; k++) {
      const o = k * RING_STEP;
      candidates.push({ x: start.x + o, y: start.y + d }, { x: start.x + o, y: start.y - d }, { x: start.x + d, y: start.y + o }, { x: start.x - d, y: start.y + o });
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const free = candidates.find(fits);
    if (free) return free;
  }
  return start;
}

