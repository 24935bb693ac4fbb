// Hooks other parts register on Resources.flowHooks to react to publish/unpublish (schedules, snippet checks).
import type { FlowDocument } from '@sluice/shared';

/**
 * Called by the flows service. `published` runs inside the publish request before it is committed:
 * throwing `FlowValidationError` (flows/flow-errors.ts) rejects the publish with 400 and its problems.
 */
export interface FlowHooks {
  published?(flowId: string, version: number, doc: FlowDocument): Promise<void>;
  /** After unpublish or delete: the flow has no published version any more. */
  unpublished?(flowId: string): Promise<void>;
}
