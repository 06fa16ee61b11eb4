/**
 * The canvas viewport as the rest of the editor sees it (fit view, where the pointer is, the centre),
 * registered by the canvas while it is mounted so keyboard shortcuts and the toolbar can use it.
 */
import type { Position } from '@flowbridge/flow-model';

export interface CanvasViewport {
  fitView(): void;
  /** The flow position under the pointer, when the pointer is over the canvas. */
  pointer(): Position | null;
  /** The flow position at the centre of the visible canvas. */
  centre(): Position;
  /** Pans (keeping the zoom) so the node is in the middle of the canvas. */
  reveal?(nodeId: string): void;
}

let active: CanvasViewport | null = null;

/** Called by the canvas on mount (and with null on unmount). */
export function registerViewport(viewport: CanvasViewport | null): void {
  active = viewport;
}

/** The mounted canvas's viewport, or null when no canvas is shown. */
export function viewport(): CanvasViewport | null {
  return active;
}
