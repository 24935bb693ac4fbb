// Server-only entry point: every node kind's executor by type. Triggers have none: a trigger step's output is the run payload.
import { conditionExecutor } from './condition/execute';
import { delayExecutor } from './delay/execute';
import { deliveryHttpExecutor } from './delivery-http/execute';
import type { NodeExecutor } from './kit/executor';
import { transformExecutor } from './transform/execute';

export const executorList: NodeExecutor[] = [
  // One line per kind, e.g. transformExecutor, conditionExecutor, delayExecutor, deliveryHttpExecutor.
  conditionExecutor,
  delayExecutor,
  deliveryHttpExecutor,
  transformExecutor,
];

export const executors: ReadonlyMap<string, NodeExecutor> = new Map(executorList.map((e) => [e.type, e]));

export { descriptors, registry } from './descriptors';
export { abortListenerOf } from './kit/abort-listener';
export * from './kit/executor';
export { computeBackoff } from './kit/retry';
export { webhookIdempotencyKey } from './trigger-webhook/idempotency';
export { type VerifyResult, verifyWebhook, type WebhookRequest } from './trigger-webhook/verify';
