// Runs an approval's modifier snippet after a decision, re-running it until it changes nothing (bounded).

import { isDeepStrictEqual } from 'node:util';
import type { SnippetRunContext, SnippetRunner } from '@sluice/nodes/executors';
import { NonRetriableError } from '@sluice/shared';
import {
  type ApprovalChanges,
  ApprovalChangesSchema,
  type ApprovalState,
  applyApprovalChanges,
} from './approval-changes';

export interface ApprovalModifierOptions {
  /** Rounds before giving up on a modifier that keeps changing things. Default 5. */
  maxRounds?: number;
  timeoutMs?: number;
  context?: SnippetRunContext;
}

export interface ApprovalModifierResult {
  /** The state after every change (the input state when nothing changed). */
  state: ApprovalState;
  /** The changes of each round that changed something, in order. */
  changes: ApprovalChanges[];
  /** Snippet runs, the last one being the run that changed nothing. */
  rounds: number;
  logs: string[];
}

/**
 * `export default (state: ApprovalState, ctx) => ApprovalChanges | null` is run with the full state; its changes are
 * validated and applied, then it runs again on the new state, until a round changes nothing. Deterministic and
 * re-runnable: the same state gives the same result. Bad changes and endless modifiers fail with NonRetriableError.
 * @example const { state } = await runApprovalModifier(sandbox, code, currentState);
 */
export async function runApprovalModifier(
  runner: SnippetRunner,
  code: string,
  initial: ApprovalState,
  options: ApprovalModifierOptions = {},
): Promise<ApprovalModifierResult> {
  const maxRounds = options.maxRounds ?? 5;
  let state = initial;
  const changes: ApprovalChanges[] = [];
  const logs: string[] = [];
  for (let round = 1; round <= maxRounds; round++) {
    const r = await runner.run({
      code,
      input: state,
      timeoutMs: options.timeoutMs,
      context: options.context,
    });
    logs.push(...r.logs);
    const parsed = ApprovalChangesSchema.safeParse(r.output);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new NonRetriableError(
        `approval modifier returned invalid changes${where}: ${issue?.message}`,
        undefined,
        'ApprovalModifierInvalid',
      );
    }
    const next = parsed.data ? apply(state, parsed.data) : state;
    if (isDeepStrictEqual(next, state)) return { state, changes, rounds: round, logs };
    changes.push(parsed.data!);
    state = next;
  }
  throw new NonRetriableError(
    `approval modifier still changed the state after ${maxRounds} rounds`,
    undefined,
    'ApprovalModifierLoop',
  );
}

function apply(state: ApprovalState, changes: ApprovalChanges): ApprovalState {
  try {
    return applyApprovalChanges(state, changes);
  } catch (err) {
    throw new NonRetriableError((err as Error).message, undefined, 'ApprovalModifierInvalid');
  }
}
