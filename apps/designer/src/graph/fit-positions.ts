// The viewport that fits nodes by their positions alone (no DOM measuring), for opening large flows zoomed out.
export interface Box {
  width: number;
  height: number;
}

export const CARD: Box = { width: 240, height: 68 };

/** Above this many nodes the canvas mounts only the cards on screen, and draws an overview when zoomed out. */
export const LARGE_FLOW = 200;

/** `{x, y, zoom}` showing every node inside a pane of `pane` size with a margin, zoom clamped to [min, max]. */
export function fitPositions(
  nodes: { position: { x: number; y: number } }[],
  pane: Box,
  { min = 0.05, max = 1.1, margin = 0.1 } = {},
): { x: number; y: number; zoom: number } {
  if (nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  const { x0, y0, x1, y1 } = positionBounds(nodes);
  const w = x1 - x0;
  const h = y1 - y0;
  const zoom = Math.min(max, Math.max(min, Math.min(pane.width / w, pane.height / h) * (1 - margin)));
  return { x: pane.width / 2 - (x0 + w / 2) * zoom, y: pane.height / 2 - (y0 + h / 2) * zoom, zoom };
}

/** The box around every node's card placed at its position (no DOM measuring); infinite when there are no nodes. */
export function positionBounds(nodes: { position: { x: number; y: number } }[], card: Box = CARD) {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const { position: p } of nodes) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + card.width);
    y1 = Math.max(y1, p.y + card.height);
  }
  return { x0, y0, x1, y1 };
}
