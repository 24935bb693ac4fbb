// Flow validation: every problem of a document, node configs and ports, and the canvas's connection rule.
export { WEBHOOK_TRIGGER_TYPE } from './check-webhooks';
export * from './connection';
export * from './flow-problem';
export * from './node-config';
export { validateFlow } from './validate-flow';
export type { ValidateFlowOptions } from './validation-context';
