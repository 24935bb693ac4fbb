// The part of the designer's test hook (`window.__sluice`, set in apps/designer/src/main.tsx) the bench drives.
import type { FlowDocument } from '@sluice/shared';

interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

declare global {
  interface Window {
    __sluice?: {
      editor: {
        getState(): {
          load(doc: FlowDocument): void;
          addNode(type: string, p: { x: number; y: number }): unknown;
        };
      };
      rf?: {
        fitView(o?: { duration?: number }): unknown;
        getViewport(): Viewport;
        setViewport(v: Viewport): unknown;
      };
    };
  }
}
