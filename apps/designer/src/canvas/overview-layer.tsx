// Zoomed-out view of a large flow, drawn on one <canvas>: thousands of DOM cards and SVG edges cost too many frames
// there, and their text is unreadable anyway. React Flow still owns the viewport; this layer follows its transform.
// The scene is rendered once per zoom level (and data change) into an offscreen canvas; panning only blits it.
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { CARD, positionBounds } from '../graph/fit-positions';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';

/** Beyond this many pixels a side, the scene is drawn straight to the screen instead of being cached. */
const MAX_CACHE_PX = 4096;

interface Scene {
  canvas: HTMLCanvasElement;
  zoom: number;
  /** Top-left of the flow's bounds, in flow coordinates. */
  x0: number;
  y0: number;
}

function colours(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    edge: v('--faint', '#999'),
    node: v('--border-strong', '#ccc'),
    ok: v('--ok', '#1f9d55'),
    bad: v('--bad', '#d93f3f'),
    sel: v('--accent', '#5e5ce6'),
  };
}

/** Draws edges then nodes in flow coordinates onto `ctx`, whose transform the caller has set. */
function paint(ctx: CanvasRenderingContext2D, zoom: number, c: ReturnType<typeof colours>) {
  const { nodes, edges } = useEditor.getState();
  const steps = useOverlay.getState().stepByNode;
  const at = new Map(nodes.map((n) => [n.id, n]));
  ctx.beginPath();
  for (const e of edges) {
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (!s || !t) continue;
    const sx = s.position.x + CARD.width;
    const sy = s.position.y + (s.measured?.height ?? CARD.height) / 2;
    const tx = t.position.x;
    const ty = t.position.y + (t.measured?.height ?? CARD.height) / 2;
    const dx = Math.max(40, (tx - sx) / 2);
    ctx.moveTo(sx, sy);
    ctx.bezierCurveTo(sx + dx, sy, tx - dx, ty, tx, ty);
  }
  ctx.lineWidth = 1.5 / zoom;
  ctx.strokeStyle = c.edge;
  ctx.stroke();
  for (const n of nodes) {
    const status = steps[n.id]?.status;
    ctx.fillStyle = n.selected ? c.sel : status === 'succeeded' ? c.ok : status === 'failed' ? c.bad : c.node;
    ctx.fillRect(
      n.position.x,
      n.position.y,
      n.measured?.width ?? CARD.width,
      n.measured?.height ?? CARD.height,
    );
  }
}

function renderScene(zoom: number, dpr: number, c: ReturnType<typeof colours>): Scene | null {
  const { nodes } = useEditor.getState();
  // Cards are drawn at their measured size, which can be up to twice the nominal height.
  const bounds = positionBounds(nodes, { width: CARD.width, height: CARD.height * 2 });
  const pad = 200;
  const x0 = bounds.x0 - pad;
  const y0 = bounds.y0 - pad;
  const { x1, y1 } = bounds;
  const w = Math.ceil((x1 - x0 + pad) * zoom * dpr);
  const h = Math.ceil((y1 - y0 + pad) * zoom * dpr);
  if (!Number.isFinite(w) || w > MAX_CACHE_PX || h > MAX_CACHE_PX || w <= 0 || h <= 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, -x0 * zoom * dpr, -y0 * zoom * dpr);
  paint(ctx, zoom, c);
  return { canvas, zoom, x0, y0 };
}

export function OverviewLayer() {
  const ref = useRef<HTMLCanvasElement>(null);
  const rf = useStoreApi();
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d')!;
    let frame = 0;
    let scene: Scene | null = null;
    let stale = true;
    const draw = () => {
      frame = 0;
      const dpr = window.devicePixelRatio || 1;
      const { width, height } = canvas.getBoundingClientRect();
      if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
      if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
      const [x, y, zoom] = rf.getState().transform;
      const c = colours(canvas);
      if (stale || !scene || scene.zoom !== zoom) {
        scene = renderScene(zoom, dpr, c);
        stale = false;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (scene) {
        ctx.drawImage(
          scene.canvas,
          Math.round(dpr * (x + scene.x0 * zoom)),
          Math.round(dpr * (y + scene.y0 * zoom)),
        );
      } else {
        ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * x, dpr * y);
        paint(ctx, zoom, c);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const invalidate = () => {
      stale = true;
      schedule();
    };
    draw();
    const offRf = rf.subscribe((s, prev) => s.transform !== prev.transform && schedule());
    const offEditor = useEditor.subscribe(invalidate);
    const offOverlay = useOverlay.subscribe(invalidate);
    const resize = new ResizeObserver(schedule);
    resize.observe(canvas);
    return () => {
      cancelAnimationFrame(frame);
      offRf();
      offEditor();
      offOverlay();
      resize.disconnect();
    };
  }, [rf]);
  return <canvas ref={ref} className="overview-layer" aria-label="Flow overview (zoom in to edit)" />;
}
