// UI state that is not the flow: the inspector tab, the open snippet editor, the toast line.
import { create } from 'zustand';
import type { Path } from '../forms/field-model';

export type InspectorTab = 'node' | 'runs' | 'versions';

interface UiState {
  tab: InspectorTab;
  snippet: { nodeId: string; path: Path } | null;
  toast: { text: string; error: boolean } | null;
  setTab(tab: InspectorTab): void;
  openSnippet(nodeId: string, path: Path): void;
  closeSnippet(): void;
  notify(text: string, error?: boolean): void;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export const useUi = create<UiState>()((set) => ({
  tab: 'node',
  snippet: null,
  toast: null,
  setTab: (tab) => set({ tab }),
  openSnippet: (nodeId, path) => set({ snippet: { nodeId, path } }),
  closeSnippet: () => set({ snippet: null }),
  notify: (text, error = false) => {
    clearTimeout(toastTimer);
    set({ toast: { text, error } });
    toastTimer = setTimeout(() => set({ toast: null }), error ? 6000 : 3000);
  },
}));
