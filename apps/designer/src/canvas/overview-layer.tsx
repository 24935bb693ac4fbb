// Zoomed-out view of a large flow, drawn on one <canvas>: thousands of DOM cards and SVG edges cost too many frames
// there, and their text is unreadable anyway. React Flow still owns the viewport; this layer follows its transform.
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';

const W = 240;
const H = 68;

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

export function OverviewLayer() {
  const ref = useRef<HTMLCanvasElement>(null);
  const rf = useStoreApi();
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d')!;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const dpr = window.devicePixelRatio || 1;
      const { width, height } = canvas.getBoundingClientRect();
      if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
      if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
      const [x, y, zoom] = rf.getState().transform;
      const { nodes, edges } = useEditor.getState();
      const steps = useOverlay.getState().stepByNode;
      const colours = {
        edge: cssVar(canvas, '--faint', '#999'),
        node: cssVar(canvas, '--border-strong', '#ccc'),
        ok: cssVar(canvas, '--ok', '#1f9d55'),
        bad: cssVar(canvas, '--bad', '#d93f3f'),
        sel: cssVar(canvas, '--accent', '#5e5ce6'),
      };
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * x, dpr * y);
      const at = new Map(nodes.map((n) => [n.id, n]));
      ctx.beginPath();
      for (const e of edges) {
        const s = at.get(e.source);
        const t = at.get(e.target);
        if (!s || !t) continue;
        const sx = s.position.x + W;
        const sy = s.position.y + (s.measured?.height ?? H) / 2;
        const tx = t.position.x;
        const ty = t.position.y + (t.measured?.height ?? H) / 2;
        const dx = Math.max(40, (tx - sx) / 2);
        ctx.moveTo(sx, sy);
        ctx.bezierCurveTo(sx + dx, sy, tx - dx, ty, tx, ty);
      }
      ctx.lineWidth = 1.5 / zoom;
      ctx.strokeStyle = colours.edge;
      ctx.stroke();
      for (const n of nodes) {
        const status = steps[n.id]?.status;
        ctx.fillStyle = n.selected
          ? colours.sel
          : status === 'succeeded'
            ? colours.ok
            : status === 'failed'
              ? colours.bad
              : colours.node;
        ctx.fillRect(n.position.x, n.position.y, n.measured?.width ?? W, n.measured?.height ?? H);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    draw();
    const offRf = rf.subscribe((s, prev) => s.transform !== prev.transform && schedule());
    const offEditor = useEditor.subscribe(schedule);
    const offOverlay = useOverlay.subscribe(schedule);
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
