// The flows service: versioned flow documents, publishing with validation and hooks, import/export.
export { createFlow, getFlow, publishProblems, saveDraft } from './flow-drafts';
export {
  FlowConflictError,
  FlowNotFoundError,
  FlowValidationError,
  FlowVersionNotFoundError,
} from './flow-errors';
export type { FlowHooks } from './flow-hooks';
export { deleteFlow, publishFlow, unpublishFlow } from './flow-publishing';
export { diffVersions, listFlows, listVersions, loadFlow, loadVersion } from './flow-queries';
export { exportFlow, importFlows } from './flow-transfer';
export type { FlowAuditEvent, FlowsDeps, Tx } from './flows-deps';
export { publishedWebhookPaths, webhookTriggers } from './webhook-routes';
