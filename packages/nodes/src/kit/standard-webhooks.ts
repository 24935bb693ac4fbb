// One place that turns a configured secret into a Standard Webhooks signer/verifier, with a typed error.
import { NonRetriableError } from '@sluice/shared';
import { Webhook } from 'standardwebhooks';

/**
 * `new Webhook(secret)` for a `whsec_<base64>` (or bare base64) secret. The package decodes leniently, so any
 * non-empty secret yields a key; both our sender and receiver use this same mapping.
 */
export function standardWebhook(secret: string): Webhook {
  try {
    return new Webhook(secret);
  } catch (err) {
    throw new NonRetriableError(
      `secret: not a usable Standard Webhooks secret (${(err as Error).message})`,
      { field: 'secret' },
      'InvalidSecret',
    );
  }
}
