// Re-validates the draft through POST /api/flows/validate a moment after the graph or a config changes.
import { useEffect } from 'react';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { validateDraft } from './flow-actions';

const DEBOUNCE_MS = 350;

export function useLiveValidation(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useEditor.subscribe((s, prev) => {
      if (s.meta === prev.meta && s.edges === prev.edges && s.nodes.length === prev.nodes.length) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Run and diff views draw other versions or results: validation marks would only get in the way.
        const o = useOverlay.getState();
        if (o.run || o.diffByNode) return;
        void validateDraft().catch(() => {});
      }, DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
