// delivery.http: send the input to an HTTP endpoint; the response becomes the output.
import { defineNode, IN, OUT } from '../kit/define-node';
import { DeliveryHttpConfigSchema } from './config';

export const deliveryHttp = defineNode({
  type: 'delivery.http',
  version: 1,
  label: 'HTTP request',
  description: 'Deliver to an HTTP endpoint with retries, auth and a per-host circuit breaker.',
  category: 'delivery',
  icon: 'send',
  config: DeliveryHttpConfigSchema,
  inputs: IN,
  outputs: OUT,
  hasErrorPort: true,
  ui: {
    fields: {
      method: { widget: 'select', label: 'Method', order: 1 },
      url: { label: 'URL', placeholder: 'https://consumer.example/scim/v2/Users/{{input.id}}', order: 2 },
      headers: { widget: 'keyValue', label: 'Headers', order: 3 },
      body: { label: 'Body', order: 4 },
      auth: { label: 'Authentication', order: 5 },
      timeoutMs: { widget: 'number', label: 'Timeout (ms)', order: 6 },
      breaker: { label: 'Circuit breaker', order: 7 },
    },
    summary: (c) => `${c.method} ${c.url}`,
  },
});
