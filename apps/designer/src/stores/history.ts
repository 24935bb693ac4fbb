// Undo/redo stacks of graph snapshots (bounded); snapshots are immutable so sharing them is safe.
import type { GraphState } from './flow-model';

const LIMIT = 100;

export interface History {
  past: GraphState[];
  future: GraphState[];
}

export const emptyHistory = (): History => ({ past: [], future: [] });

export const record = (h: History, current: GraphState): History => ({
  past: [...h.past.slice(-(LIMIT - 1)), current],
  future: [],
});

export function undo(h: History, current: GraphState): { history: History; state?: GraphState } {
  const prev = h.past.at(-1);
  if (!prev) return { history: h };
  return { history: { past: h.past.slice(0, -1), future: [current, ...h.future] }, state: prev };
}

export function redo(h: History, current: GraphState): { history: History; state?: GraphState } {
  const next = h.future[0];
  if (!next) return { history: h };
  return { history: { past: [...h.past, current], future: h.future.slice(1) }, state: next };
}
