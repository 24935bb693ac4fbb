// In-page measurements: time until a loaded flow is drawn, and frames per second while the viewport pans.

import type { FlowDocument } from '@sluice/shared';
import './page-hook';
import type { Page } from 'playwright-core';

/** Loads `doc` into the editor, fits it to the view and waits until it is painted (cards or overview); returns ms. */
export async function timeToFirstRender(page: Page, doc: FlowDocument): Promise<number> {
  return page.evaluate(async (d) => {
    const s = window.__sluice!;
    const t0 = performance.now();
    s.editor.getState().load(d);
    await new Promise<void>((resolve) => {
      const tick = () => {
        const overview = document.querySelector('.overview-layer');
        if (overview || document.querySelectorAll('.react-flow__node').length > 0) {
          // Small flows fit once their cards are measured; large ones open already fitted, as an overview.
          if (!overview) s.rf?.fitView({ duration: 0 });
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        } else requestAnimationFrame(tick);
      };
      tick();
    });
    return performance.now() - t0;
  }, doc as never);
}

/** Pans the viewport every frame for `ms` at the given zoom (or the fitted one); returns fps and the worst frame. */
export async function panFps(
  page: Page,
  ms: number,
  zoom?: number,
): Promise<{ fps: number; worstFrameMs: number; nodesInDom: number; zoom: number }> {
  return page.evaluate(
    async ({ ms, zoom }) => {
      const rf = window.__sluice!.rf!;
      const fitted = rf.getViewport();
      const z = zoom ?? fitted.zoom;
      // Settle at the measured zoom first: crossing into card view mounts the cards on screen once.
      rf.setViewport({ ...fitted, zoom: z });
      await new Promise((r) => setTimeout(r, 500));
      const start = rf.getViewport();
      let frames = 0;
      let worst = 0;
      const t0 = performance.now();
      let last = t0;
      await new Promise<void>((resolve) => {
        const step = (now: number) => {
          frames++;
          worst = Math.max(worst, now - last);
          last = now;
          const t = (now - t0) / 1000;
          rf.setViewport({ x: start.x + Math.sin(t * 2) * 400, y: start.y + Math.cos(t * 2) * 200, zoom: z });
          if (now - t0 < ms) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      const elapsed = performance.now() - t0;
      return {
        fps: (frames / elapsed) * 1000,
        worstFrameMs: worst,
        nodesInDom: document.querySelectorAll('.react-flow__node').length,
        zoom: z,
      };
    },
    { ms, zoom },
  );
}
