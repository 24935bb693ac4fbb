// The editor store: the flow being edited (graph + node meta), selection, clipboard, undo/redo, dirty flag.
import { DEFAULT_INPUT_PORT, DEFAULT_OUTPUT_PORT, type FlowDocument } from '@sluice/shared';
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import { defaultConfig } from '../forms/default-config';
import { LARGE_FLOW } from '../graph/fit-positions';
import { layoutGraph } from '../graph/layout';
import { newNodeId } from '../graph/node-ids';
import { descriptorOf } from '../graph/ports';
import {
  type CanvasNode,
  fromDocument,
  type GraphState,
  type NodeMeta,
  toCanvasNode,
  toDocumentParts,
} from './flow-model';
import { emptyHistory, type History, record, redo, undo } from './history';

export interface EditorState extends GraphState {
  flowId: string | null;
  name: string;
  version: number | null;
  dirty: boolean;
  history: History;
  clipboard: GraphState | null;
}

export interface EditorActions {
  load(doc: FlowDocument & { id?: string; version?: number }): void;
  document(): FlowDocument;
  checkpoint(): void;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  connect(c: Connection): void;
  addNode(type: string, position: { x: number; y: number }): string | null;
  updateMeta(id: string, patch: Partial<NodeMeta>): void;
  setName(name: string): void;
  select(id: string | null): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  autoLayout(): void;
  markSaved(version: number): void;
}

const initial = (): EditorState => ({
  flowId: null,
  name: '',
  version: null,
  nodes: [],
  edges: [],
  meta: {},
  dirty: false,
  history: emptyHistory(),
  clipboard: null,
});

let largeLoadHook: ((nodes: FlowDocument['nodes']) => void) | null = null;

/**
 * Registers what runs just before a large flow is loaded: the canvas fits its viewport to the positions first,
 * so a big flow opens zoomed out (drawn as an overview) instead of mounting every card once.
 */
export function onLargeLoad(hook: typeof largeLoadHook): void {
  largeLoadHook = hook;
}

const graphOf = (s: GraphState): GraphState => ({ nodes: s.nodes, edges: s.edges, meta: s.meta });

/** A fresh editor store (the app makes one; tests make their own). */
export const createEditorStore = () =>
  create<EditorState & EditorActions>()((set, get) => {
    const mutate = (fn: (s: EditorState) => Partial<EditorState>) =>
      set((s) => ({ ...fn(s), history: record(s.history, graphOf(s)), dirty: true }));
    return {
      ...initial(),
      load: (doc) => {
        if (doc.nodes.length > LARGE_FLOW) largeLoadHook?.(doc.nodes);
        set({
          ...initial(),
          ...fromDocument(doc),
          flowId: doc.id ?? null,
          name: doc.name,
          version: doc.version ?? null,
        });
      },
      document: () => {
        const s = get();
        return { name: s.name, variables: {}, ...toDocumentParts(s) } as FlowDocument;
      },
      checkpoint: () => set((s) => ({ history: record(s.history, graphOf(s)) })),
      onNodesChange: (changes) =>
        set((s) => {
          const structural = changes.some((c) => c.type === 'remove');
          const moved = changes.some((c) => c.type === 'position' && !c.dragging && c.position);
          const nodes = applyNodeChanges(changes, s.nodes);
          if (!structural) return { nodes, dirty: s.dirty || moved };
          const gone = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
          return {
            nodes,
            edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
            meta: Object.fromEntries(Object.entries(s.meta).filter(([id]) => !gone.has(id))),
            history: record(s.history, graphOf(s)),
            dirty: true,
          };
        }),
      onEdgesChange: (changes) =>
        set((s) => {
          const removes = changes.some((c) => c.type === 'remove');
          const edges = applyEdgeChanges(changes, s.edges);
          return removes ? { edges, history: record(s.history, graphOf(s)), dirty: true } : { edges };
        }),
      connect: (c) =>
        mutate((s) => {
          const sourceHandle = c.sourceHandle ?? DEFAULT_OUTPUT_PORT;
          const targetHandle = c.targetHandle ?? DEFAULT_INPUT_PORT;
          const id = `e-${c.source}-${sourceHandle}-${c.target}`;
          const edge: Edge = { id, source: c.source, target: c.target, sourceHandle, targetHandle };
          return {
            edges: addEdge(sourceHandle === 'error' ? { ...edge, className: 'edge-error' } : edge, s.edges),
          };
        }),
      addNode: (type, position) => {
        const d = descriptorOf(type);
        if (!d) return null;
        const id = newNodeId(type, new Set(get().nodes.map((n) => n.id)));
        mutate((s) => ({
          nodes: [
            ...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            { ...toCanvasNode(id, type, position), selected: true },
          ],
          meta: { ...s.meta, [id]: { type, config: defaultConfig(d) } },
        }));
        return id;
      },
      updateMeta: (id, patch) =>
        mutate((s) =>
          s.meta[id] ? { meta: { ...s.meta, [id]: { ...s.meta[id], ...patch } as NodeMeta } } : {},
        ),
      setName: (name) => set({ name, dirty: true }),
      select: (id) =>
        set((s) => ({
          nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
        })),
      deleteSelection: () =>
        mutate((s) => {
          const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
          return {
            nodes: s.nodes.filter((n) => !gone.has(n.id)),
            edges: s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target)),
            meta: Object.fromEntries(Object.entries(s.meta).filter(([id]) => !gone.has(id))),
          };
        }),
      copySelection: () =>
        set((s) => {
          const ids = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
          if (ids.size === 0) return {};
          return {
            clipboard: {
              nodes: s.nodes.filter((n) => ids.has(n.id)),
              edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
              meta: Object.fromEntries(Object.entries(s.meta).filter(([id]) => ids.has(id))),
            },
          };
        }),
      paste: () => {
        const clip = get().clipboard;
        if (!clip) return;
        mutate((s) => {
          const taken = new Set(s.nodes.map((n) => n.id));
          const rename = new Map<string, string>();
          for (const n of clip.nodes) {
            const id = newNodeId(n.data.type, taken);
            taken.add(id);
            rename.set(n.id, id);
          }
          const nodes = clip.nodes.map((n) => ({
            ...toCanvasNode(rename.get(n.id)!, n.data.type, { x: n.position.x + 40, y: n.position.y + 40 }),
            selected: true,
          }));
          const edges = clip.edges.map((e) => ({
            ...e,
            id: `${e.id}-copy-${rename.get(e.source)}`,
            source: rename.get(e.source)!,
            target: rename.get(e.target)!,
            selected: false,
          }));
          const meta = { ...s.meta };
          for (const [old, id] of rename) meta[id] = structuredClone(clip.meta[old]!);
          return {
            nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
            edges: [...s.edges, ...edges],
            meta,
          };
        });
      },
      undo: () =>
        set((s) => {
          const r = undo(s.history, graphOf(s));
          return r.state ? { ...r.state, history: r.history, dirty: true } : {};
        }),
      redo: () =>
        set((s) => {
          const r = redo(s.history, graphOf(s));
          return r.state ? { ...r.state, history: r.history, dirty: true } : {};
        }),
      autoLayout: () =>
        mutate((s) => {
          const pos = layoutGraph(s.nodes, s.edges);
          return { nodes: s.nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })) };
        }),
      markSaved: (version) => set({ dirty: false, version }),
    };
  });

export type EditorStore = ReturnType<typeof createEditorStore>;
export const useEditor = createEditorStore();
