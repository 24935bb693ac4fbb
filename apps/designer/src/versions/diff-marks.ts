// Turns two versions into what the canvas draws: the union of their nodes and edges, each marked by diffFlows.
import { diffFlows, type FlowDocument } from '@sluice/shared';
import type { DiffMark } from '../stores/overlay-store';

export interface DiffView {
  doc: FlowDocument;
  marks: Record<string, DiffMark>;
  counts: { added: number; removed: number; changed: number };
}

/** `to` as drawn, plus the nodes and edges `from` had and `to` lost (marked removed). */
export function diffView(from: FlowDocument, to: FlowDocument): DiffView {
  const d = diffFlows(from, to);
  const marks: Record<string, DiffMark> = {};
  for (const id of d.nodes.added) marks[id] = 'added';
  for (const id of d.nodes.removed) marks[id] = 'removed';
  for (const c of d.nodes.changed) marks[c.id] = 'changed';
  const removedNodes = from.nodes.filter((n) => d.nodes.removed.includes(n.id));
  const removedEdges = from.edges.filter((e) => d.edges.removed.includes(e.id));
  return {
    doc: { ...to, nodes: [...to.nodes, ...removedNodes], edges: [...to.edges, ...removedEdges] },
    marks,
    counts: { added: d.nodes.added.length, removed: d.nodes.removed.length, changed: d.nodes.changed.length },
  };
}
