// Hooks other parts register on Resources.flowHooks to react to publish/unpublish (schedules, snippet checks).
import type { FlowDocument } from '@sluice/shared';

/**
 * Called by the flows service on publish, in this order, before the publish commits:
 * every hook's `check`, then every hook's `published`. Either may throw `FlowValidationError`
 * (flows/flow-errors.ts) to reject the publish with 400 and its problems; other errors answer 503.
 * Put pure checks (snippets compile) in `check` so they run before any hook's side effects.
 */
export interface FlowHooks {
  /** Validation only, no side effects. */
  check?(flowId: string, version: number, doc: FlowDocument): Promise<void>;
  /** Side effects of publishing (e.g. register schedules); idempotent per flow. */
  published?(flowId: string, version: number, doc: FlowDocument): Promise<void>;
  /** After unpublish or delete commits: the flow has no published version any more. Failures are logged. */
  unpublished?(flowId: string): Promise<void>;
}
