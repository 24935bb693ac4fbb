// Run states: a closed union and the predicates the engine and the API use on it.

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const isRunStatus = (s: unknown): s is RunStatus => RUN_STATUSES.includes(s as RunStatus);
export const isRunTerminal = (s: RunStatus) => s === 'succeeded' || s === 'failed' || s === 'cancelled';
