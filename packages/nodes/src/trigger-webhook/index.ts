// trigger.webhook: starts a run for each POST to /webhooks/:path of the published version.
import { defineNode, OUT } from '../kit/define-node';
import { WebhookConfigSchema } from './config';

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  version: 1,
  label: 'Webhook',
  description: 'Start a run when an upstream system POSTs to /webhooks/<path>.',
  category: 'trigger',
  icon: 'webhook',
  config: WebhookConfigSchema,
  inputs: [],
  outputs: OUT,
  hasErrorPort: false,
  ui: {
    fields: {
      path: {
        label: 'Path',
        placeholder: 'hr-events',
        order: 1,
        help: 'The run starts on POST /webhooks/<path>.',
      },
      auth: { label: 'Authentication', order: 2 },
      idempotency: { label: 'Idempotency key', order: 3 },
    },
    summary: (c) => `POST /webhooks/${c.path} · ${c.auth.kind}`,
  },
});
