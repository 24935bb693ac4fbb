// Entry point: mounts the app and exposes the stores for browser tests and the benchmark.
import '@xyflow/react/dist/style.css';
import './styles/index.css';
import type { ReactFlowInstance } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { useEditor } from './stores/editor-store';
import { useOverlay } from './stores/overlay-store';

declare global {
  interface Window {
    /** Test and benchmark hook: the stores, and the React Flow instance once the canvas is up. */
    __sluice?: {
      editor: typeof useEditor;
      overlay: typeof useOverlay;
      rf?: ReactFlowInstance<any, any>;
      codeEditor?: { setValue(v: string): void; getValue(): string };
    };
  }
}
window.__sluice = { editor: useEditor, overlay: useOverlay };

createRoot(document.getElementById('root')!).render(<App />);
