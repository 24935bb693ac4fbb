// What is drawn over the graph: validation issues, the open run's step states, or a version diff.
import { create } from 'zustand';
import type { RunDetail, StepRecord, ValidationIssue } from '../api/types';

export type DiffMark = 'added' | 'removed' | 'changed';

export interface OverlayState {
  issues: ValidationIssue[];
  issuesByNode: Record<string, ValidationIssue[]>;
  run: RunDetail | null;
  /** Latest attempt of each node's step in the open run, plus how many attempts it took. */
  stepByNode: Record<string, StepRecord & { attemptCount: number }>;
  diffByNode: Record<string, DiffMark> | null;
  /** The run shown on the canvas (kept fresh by RunLive), or null while editing. */
  openRunId: string | null;
  openRun(id: string | null): void;
  setIssues(issues: ValidationIssue[], nodeIds: string[]): void;
  showRun(run: RunDetail | null): void;
  showDiff(marks: Record<string, DiffMark> | null): void;
}

/** Group issues by node: `nodeId`, else a path like `['nodes', 2, ...]` resolved against the node order. */
export function issuesByNode(
  issues: ValidationIssue[],
  nodeIds: string[],
): Record<string, ValidationIssue[]> {
  const out: Record<string, ValidationIssue[]> = {};
  for (const i of issues) {
    let id = i.nodeId;
    if (!id && i.path?.[0] === 'nodes' && typeof i.path[1] === 'number') id = nodeIds[i.path[1]];
    if (!id) continue;
    const list = out[id] ?? [];
    list.push(i);
    out[id] = list;
  }
  return out;
}

export function latestSteps(steps: StepRecord[]): Record<string, StepRecord & { attemptCount: number }> {
  const out: Record<string, StepRecord & { attemptCount: number }> = {};
  for (const s of steps) {
    const prev = out[s.nodeId];
    const attemptCount = Math.max(prev?.attemptCount ?? 0, s.attempt ?? 1, s.attempts?.length ?? 0);
    if (!prev || (s.attempt ?? 0) >= (prev.attempt ?? 0)) out[s.nodeId] = { ...s, attemptCount };
    else prev.attemptCount = attemptCount;
  }
  return out;
}

export const createOverlayStore = () =>
  create<OverlayState>()((set) => ({
    issues: [],
    issuesByNode: {},
    run: null,
    stepByNode: {},
    diffByNode: null,
    openRunId: null,
    openRun: (id) =>
      set(id ? { openRunId: id, diffByNode: null } : { openRunId: null, run: null, stepByNode: {} }),
    setIssues: (issues, nodeIds) => set({ issues, issuesByNode: issuesByNode(issues, nodeIds) }),
    showRun: (run) => set({ run, stepByNode: run ? latestSteps(run.steps) : {}, diffByNode: null }),
    showDiff: (marks) => set({ diffByNode: marks, run: null, stepByNode: {}, openRunId: null }),
  }));

export const useOverlay = createOverlayStore();
