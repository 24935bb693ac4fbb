// Step states: a closed union and the predicates the engine and the API use on it.

export const STEP_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Steps in these states still owe work: the run is not over while one exists. */
export const ACTIVE_STEP_STATUSES = ['queued', 'running', 'waiting'] as const satisfies readonly StepStatus[];

export const isStepStatus = (s: unknown): s is StepStatus => STEP_STATUSES.includes(s as StepStatus);
export const isStepTerminal = (s: StepStatus) => s === 'succeeded' || s === 'failed' || s === 'cancelled';
export const isStepActive = (s: StepStatus) => !isStepTerminal(s);

/** Why a step waits: a `resume` wait re-runs the executor with its state, a `retry` wait starts a new attempt. */
export type WaitState = { kind: 'resume'; value?: unknown } | { kind: 'retry' };
