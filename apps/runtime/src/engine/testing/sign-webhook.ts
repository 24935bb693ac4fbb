// Test support: signs a webhook body the Standard Webhooks way, as an upstream system would.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export function signedHeaders(secret: string, body: string, id = `msg_${randomBytes(8).toString('hex')}`) {
  const at = new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}
