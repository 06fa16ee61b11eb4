/**
 * The canvas viewport as the rest of the editor sees it (fit view, where the pointer is, the centre),
 * registered by the canvas while it is mounted so keyboard shortcuts and the toolbar can use it.
 */
import type { Position } from '@flowbridge/flow-model';

export interface CanvasViewport {
  /**
   * Shows the whole flow, but never below the readable zoom: a bigger flow is shown from its start at
   * that zoom instead. With `all`, the whole flow whatever the zoom.
   */
  fitView(options?: { all?: boolean }): void;
  /** The canvas's size on screen, when known. */
  size?(): { width: number; height: number } | null;
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
