/**
 * Fitting the flow into the canvas without making it unreadable: below READABLE_ZOOM captions cannot be
 * read, so a flow too big to fit at that zoom is shown at it, panned to its start (top-left), instead.
 */

/** The smallest zoom fit view goes to on its own; captions stay readable at it. Shift+F goes further. */
export const READABLE_ZOOM = 0.55;
/** A small flow is shown at natural size, not blown up to fill the canvas. */
export const MAX_FIT_ZOOM = 1;
/** Margin kept around the fitted flow, in screen pixels. */
const PADDING = 40;

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows `bounds` in a `canvas`-sized screen: the whole of it when that needs no less
 * than `minZoom`, else at `minZoom` with `anchor` (the flow's start, in flow coordinates; the bounds'
 * top-left corner by default) near the top-left of the screen.
 */
export function fitViewport(bounds: Bounds, canvas: { width: number; height: number }, minZoom = READABLE_ZOOM): Viewport {
  const fit = Math.min((canvas.width - 2 * PADDING) / Math.max(bounds.width, 1), (canvas.height - 2 * PADDING) / Math.max(bounds.height, 1));
  const zoom = Math.min(MAX_FIT_ZOOM, fit);
  if (zoom >= minZoom) {
    return { zoom, x: canvas.width / 2 - (bounds.x + bounds.width / 2) * zoom, y: canvas.height / 2 - (bounds.y + bounds.height / 2) * zoom };
  }
  // Too big to read whole: show its beginning at the readable zoom; centred on the axis that fits.
  const fitsAcross = bounds.width * minZoom <= canvas.width - 2 * PADDING;
  const fitsDown = bounds.height * minZoom <= canvas.height - 2 * PADDING;
  return {
    zoom: minZoom,
    x: fitsAcross ? canvas.width / 2 - (bounds.x + bounds.width / 2) * minZoom : PADDING - bounds.x * minZoom,
    y: fitsDown ? canvas.height / 2 - (bounds.y + bounds.height / 2) * minZoom : PADDING - bounds.y * minZoom,
  };
}
