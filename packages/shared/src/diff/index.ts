// Flow diff: what changed between two flow versions, and its zod schema for the API.
export { type DiffableFlow, diffFlows, type FlowDiff, FlowDiffSchema, isEmptyDiff } from './flow-diff';
