// Test support: a run of a one-node manual flow with steps in the given states, written straight into the tables.
import { newId } from '@sluice/shared';
import type { Db } from '../../db/client';
import { runs, steps } from '../../db/schema';
import { publishFlow } from './seed-flow';

export interface SeedStep {
  status: string;
  lockedBy?: string;
  lockedUntil?: Date;
}

/** Inserts a run (status `status`) and one step row per entry of `stepRows`; returns their ids. */
export async function seedRun(
  db: Db,
  status: string,
  stepRows: SeedStep[],
): Promise<{ runId: string; stepIds: string[] }> {
  const { flowId } = await publishFlow(db, {
    name: 'seeded',
    nodes: [{ id: 'hook', type: 'trigger.manual', config: {} }],
    edges: [],
  });
  const runId = newId('run');
  await db.insert(runs).values({
    id: runId,
    flowId,
    flowVersion: 1,
    triggerNodeId: 'hook',
    triggerType: 'trigger.manual',
    status,
  });
  const stepIds = stepRows.map(() => newId('stp'));
  if (stepRows.length > 0)
    await db
      .insert(steps)
      .values(stepRows.map((s, i) => ({ id: stepIds[i] as string, runId, nodeId: 'hook', ...s })));
  return { runId, stepIds };
}
