// Browser-safe entry point: every node kind's descriptor and the registry built from them. No executors here.
import type { NodeDescriptor, NodeRegistry } from '@sluice/shared';
import { condition } from './condition';
import { delay } from './delay';
import { deliveryHttp } from './delivery-http';
import { transform } from './transform';
import { manualTrigger } from './trigger-manual';
import { scheduleTrigger } from './trigger-schedule';
import { webhookTrigger } from './trigger-webhook';

export const descriptors: NodeDescriptor[] = [
  webhookTrigger,
  manualTrigger,
  scheduleTrigger,
  transform,
  condition,
  delay,
  deliveryHttp,
];

export const registry: NodeRegistry = new Map(descriptors.map((d) => [d.type, d]));

export type { ConditionConfig, Rule } from './condition/config';
export type { DelayConfig } from './delay/config';
export type { DeliveryHttpConfig } from './delivery-http/config';
export { DEFAULT_TRANSFORM_CODE } from './transform';
export type { WebhookConfig } from './trigger-webhook/config';
export { condition, delay, deliveryHttp, manualTrigger, scheduleTrigger, transform, webhookTrigger };
