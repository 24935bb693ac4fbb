// Records a step transition for the audit trail and live subscribers (inside the committing transaction's effects).
import { isoText } from '@sluice/shared';
import type { Effects } from './effects';
import type { StepStatus } from './rules/step-status';

export interface StepTransition {
  runId: string;
  flowId: string;
  stepId: string;
  nodeId: string;
  status: StepStatus;
  attempt: number;
  at: Date;
  actor: string;
  dueAt?: Date | null;
  data?: Record<string, unknown>;
}

export function recordStepTransition(fx: Effects, t: StepTransition): void {
  const data: Record<string, unknown> = { nodeId: t.nodeId, attempt: t.attempt };
  if (t.dueAt) data.dueAt = t.dueAt.toISOString();
  if (t.data) Object.assign(data, t.data);
  fx.audit.push({
    actor: t.actor,
    action: `step.${t.status}`,
    flowId: t.flowId,
    runId: t.runId,
    stepId: t.stepId,
    at: t.at,
    data,
  });
  fx.events.push({
    type: 'step',
    runId: t.runId,
    flowId: t.flowId,
    stepId: t.stepId,
    nodeId: t.nodeId,
    status: t.status,
    attempt: t.attempt,
    at: isoText(t.at),
    dueAt: t.dueAt?.toISOString() ?? null,
  });
}
